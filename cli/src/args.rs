//! A small, strict command-line parser: `--flag VALUE`, `--switch`, positionals.
//! Unknown flags and missing values are usage errors (exit 2).

use std::collections::BTreeMap;

/// A usage error: printed with the command's usage, exit status 2.
#[derive(Debug)]
pub(crate) struct Usage(pub(crate) String);

/// Parsed arguments of one command.
#[derive(Debug, Default)]
pub(crate) struct Args {
    flags: BTreeMap<String, String>,
    switches: Vec<String>,
    positionals: Vec<String>,
}

impl Args {
    /// Parses `argv` given the flags that take a value and the switches that do not.
    pub(crate) fn parse(
        argv: &[String],
        valued: &[&str],
        switches: &[&str],
    ) -> Result<Self, Usage> {
        let mut out = Self::default();
        let mut it = argv.iter();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_owned())),
                    None => (name, None),
                };
                if valued.contains(&name) {
                    let v = match inline {
                        Some(v) => v,
                        None => it
                            .next()
                            .cloned()
                            .ok_or_else(|| Usage(format!("--{name} needs a value")))?,
                    };
                    if out.flags.insert(name.to_owned(), v).is_some() {
                        return Err(Usage(format!("--{name} is given twice")));
                    }
                } else if switches.contains(&name) && inline.is_none() {
                    out.switches.push(name.to_owned());
                } else {
                    return Err(Usage(format!("unknown option --{name}")));
                }
            } else {
                out.positionals.push(a.clone());
            }
        }
        Ok(out)
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.flags.get(name).map(String::as_str)
    }

    pub(crate) fn require(&self, name: &str) -> Result<&str, Usage> {
        self.get(name)
            .ok_or_else(|| Usage(format!("--{name} is required")))
    }

    pub(crate) fn switch(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }

    /// Exactly one positional argument.
    pub(crate) fn one_positional(&self, what: &str) -> Result<&str, Usage> {
        match self.positionals.as_slice() {
            [p] => Ok(p),
            [] => Err(Usage(format!("{what} is required"))),
            _ => Err(Usage(format!(
                "exactly one {what} is expected, got {}",
                self.positionals.len()
            ))),
        }
    }

    pub(crate) fn no_positionals(&self) -> Result<(), Usage> {
        match self.positionals.first() {
            None => Ok(()),
            Some(p) => Err(Usage(format!("unexpected argument '{p}'"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses() {
        let a = Args::parse(
            &v(&["--out", "k.pem", "--json", "f", "--alg=ES256"]),
            &["out", "alg"],
            &["json"],
        )
        .unwrap();
        assert_eq!(a.get("out"), Some("k.pem"));
        assert_eq!(a.get("alg"), Some("ES256"));
        assert!(a.switch("json"));
        assert_eq!(a.one_positional("file").unwrap(), "f");
        assert!(Args::parse(&v(&["--nope"]), &[], &[]).is_err());
        assert!(Args::parse(&v(&["--out"]), &["out"], &[]).is_err());
        assert!(Args::parse(&v(&["--out", "a", "--out", "b"]), &["out"], &[]).is_err());
    }
}
