#!/usr/bin/env bash
# After wasm-bindgen: the generated declarations made to say what the module does.
# SigningKey's and VerifyingKey's Rust constructors only throw ("Not callable: use …"): they are
# declared private, so TypeScript refuses `new SigningKey()` when it compiles. Used by build.sh
# and by .ci/run on the pkg/ directory they write; fails if it does not find the two.
#
#   bash bindings-wasm/types.sh bindings-wasm/pkg
set -euo pipefail
D="${1:?usage: types.sh PKG_DIR}/labourlink_wasm.d.ts"
perl -0pi -e 's/(\* Not callable:[^\n]*\n(?:\s*\*[^\n]*\n)*?\s*\*\/\n\s*)constructor\(\);/$1private constructor();/g' "$D"
if [ "$(grep -c 'private constructor();' "$D")" != 2 ]; then
  echo "types.sh: expected the two throwing constructors (SigningKey, VerifyingKey) in $D" >&2
  exit 1
fi
