//! Schema enums generated from the catalogue: `defs.schema.json`'s `$defs/message_type` `enum`
//! is the list of `labourlink::envelope::MESSAGE_TYPES` (the `message_types!` list of `core/src/messages/mod.rs`), in its order.
//! Only that array is generated; the rest of the file is written by hand.

use crate::json::quote;

const DEF: &str = "\"message_type\": {";
const ENUM: &str = "\"enum\": [";

/// `defs.schema.json` with its `message_type` enum regenerated from the catalogue.
pub(crate) fn defs_schema(current: &str) -> Result<String, String> {
    let missing = |what: &str| format!("core/schemas/defs.schema.json: {what} not found");
    let def = current.find(DEF).ok_or_else(|| missing(DEF))?;
    let open = def + current[def..].find(ENUM).ok_or_else(|| missing(ENUM))?;
    let close = open
        + current[open..]
            .find(']')
            .ok_or_else(|| missing("the enum's ]"))?;
    let line_start = current[..open].rfind('\n').map_or(0, |i| i + 1);
    let indent = &current[line_start..open];
    let items: Vec<String> = labourlink::envelope::MESSAGE_TYPES
        .iter()
        .map(|t| format!("{indent}  {}", quote(t)))
        .collect();
    Ok(format!(
        "{}{ENUM}\n{}\n{indent}{}",
        &current[..open],
        items.join(",\n"),
        &current[close..]
    ))
}
