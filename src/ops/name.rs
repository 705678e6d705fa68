//! Key, group and consumer names, globs and field values as the bytes Redis holds. A name read from a reply or given
//! on the command line goes back to Redis byte for byte (never through lossy UTF-8); people
//! see it escaped (`w\xff\xfe`, the form bash's `$'…'` reads back), JSON sees a string when it
//! is UTF-8 and `{"base64": …}` when it is not, as field values do.

use std::ffi::OsStr;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::output::escape::escape_bytes;
use crate::redis::{Keyed, Target};

#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(pub Vec<u8>);

impl Name {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// A command-line argument as bytes: on Unix exactly the bytes the shell passed, so
    /// `$'w\xff\xfe'` names a consumer that is not UTF-8.
    pub fn from_os(s: &OsStr) -> Name {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            Name(s.as_bytes().to_vec())
        }
        #[cfg(not(unix))]
        {
            Name(s.to_string_lossy().into_owned().into_bytes())
        }
    }

    /// The name as text when it is UTF-8 (for the config's globs and job ids).
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }
}

/// The clap value parser for names: OS bytes, not UTF-8 text.
pub fn parser() -> impl clap::builder::TypedValueParser<Value = Name> {
    use clap::builder::TypedValueParser;
    clap::builder::OsStringValueParser::new().map(|s| Name::from_os(&s))
}

/// A name decoded from a reply (`redis::streams`), or found by a scan.
impl From<Vec<u8>> for Name {
    fn from(b: Vec<u8>) -> Name {
        Name(b)
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(s.as_bytes().to_vec())
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(s.into_bytes())
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.0 == other.as_bytes()
    }
}

/// Escaped for a terminal: control characters and bytes that are not UTF-8 shown as `\x..`.
impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape_bytes(&self.0))
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        NameRef(&self.0).serialize(s)
    }
}

/// A borrowed name, shown and serialized as [`Name`] is.
#[derive(Debug, Clone, Copy)]
pub struct NameRef<'a>(pub &'a [u8]);

impl fmt::Display for NameRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape_bytes(self.0))
    }
}

impl Serialize for NameRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(self.0) {
            Ok(text) => s.serialize_str(text),
            Err(_) => {
                use serde::ser::SerializeMap;
                let mut buf = Vec::new();
                crate::output::escape::base64(&mut buf, self.0);
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("base64", &String::from_utf8_lossy(&buf))?;
                m.end()
            }
        }
    }
}

impl redis::ToRedisArgs for Name {
    fn write_redis_args<W: ?Sized + redis::RedisWrite>(&self, out: &mut W) {
        out.write_arg(&self.0);
    }
}

/// A connection for commands on `key`. A name that is not UTF-8 goes through the routing
/// client (which hashes its bytes) instead of the slot-owner check that takes text.
pub async fn keyed_for(target: &Target, key: &Name) -> anyhow::Result<Keyed> {
    match key.as_str() {
        Some(k) => target.keyed_for(&[k]).await,
        None => target.keyed().await,
    }
}

/// A connection for commands on several keys (routed as [`keyed_for`] routes one).
pub async fn keyed_for_all(target: &Target, keys: &[Name]) -> anyhow::Result<Keyed> {
    let text: Option<Vec<&str>> = keys.iter().map(Name::as_str).collect();
    match text {
        Some(t) => target.keyed_for(&t).await,
        None => target.keyed().await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_bytes() {
        let n = Name(b"w\xff\xfe".to_vec());
        assert_eq!(n.to_string(), "w\\xff\\xfe");
        assert_eq!(serde_json::to_string(&n).unwrap(), r#"{"base64":"d//+"}"#);
        assert_eq!(
            serde_json::to_string(&Name::from("w-1")).unwrap(),
            r#""w-1""#
        );
        let args = redis::ToRedisArgs::to_redis_args(&n);
        assert_eq!(args, vec![b"w\xff\xfe".to_vec()]);
    }
}
