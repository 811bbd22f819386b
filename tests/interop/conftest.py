"""Fixtures for the interoperability tests (helpers are in interop_support.py).

Every test here is skipped when the labourlink binary does not exist (see
``interop_support.default_binary``: ``LABOURLINK_BIN``, default
``$CARGO_TARGET_DIR/debug/labourlink``).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Iterable

import pytest

from interop_support import (
    RECEIVER_AGENCY,
    RECEIVER_REGION,
    BuildTrustList,
    Cli,
    Partner,
    TrustList,
    default_binary,
    now,
    rfc3339,
)


@pytest.fixture(scope="session")
def labourlink_bin() -> Path:
    binary = default_binary()
    if not binary.is_file():
        pytest.skip(
            f"labourlink CLI binary not found at {binary} "
            "(build it with `cargo build -p labourlink-cli` or set LABOURLINK_BIN)"
        )
    return binary


@pytest.fixture
def cli(labourlink_bin: Path, tmp_path: Path) -> Cli:
    return Cli(labourlink_bin, tmp_path)


@pytest.fixture
def build_trust_list(cli: Cli) -> BuildTrustList:
    """Returns a function that builds and signs a trust list with the CLI.

    A fresh Ed25519 anchor key (``keygen``), ``trust-list new``, one ``add-key`` per partner
    (``--types receipt`` by default, valid from 30 days ago to a year ahead), then
    ``trust-list sign``. The anchor's public JWK gets its ``kid`` added for ``verify --anchor``.
    """

    def build(partners: Iterable[Partner]) -> TrustList:
        tag = uuid.uuid4().hex[:8]
        anchor_kid = f"anchor-{tag}"
        anchor_pem, anchor_pub = cli.keygen("Ed25519", f"anchor-{tag}")
        anchor_pub["kid"] = anchor_kid
        anchor_jwk = cli.cwd / f"anchor-{tag}.kid.jwk"
        anchor_jwk.write_text(json.dumps(anchor_pub))

        t = now()
        tl = cli.cwd / f"tl-{tag}.json"
        cli.run(
            "trust-list", "new", "--out", tl, "--sequence", "1",
            "--next-update", rfc3339(t + dt.timedelta(days=30)),
            "--region", RECEIVER_REGION, "--agency", RECEIVER_AGENCY,
        )  # fmt: skip
        for p in partners:
            pub = cli.cwd / f"{p.kid}.pub.jwk"
            pub.write_text(json.dumps(p.jwk))
            cli.run(
                "trust-list", "add-key", tl, "--kid", p.kid,
                "--region", p.region, "--agency", p.agency, "--public", pub,
                "--types", p.types,
                "--valid-from", rfc3339(t - dt.timedelta(days=30)),
                "--valid-until", rfc3339(t + dt.timedelta(days=365)),
            )  # fmt: skip
        signed = cli.cwd / f"tl-{tag}.jws"
        cli.run("trust-list", "sign", tl, "--key", anchor_pem, "--kid", anchor_kid, "--out", signed)
        return TrustList(signed, anchor_jwk, anchor_kid)

    return build
