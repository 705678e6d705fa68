//! Table and column names: the schema's names by default, overridable in the config's
//! `migrate:` section, and every one checked as a plain identifier before it reaches SQL.

use serde_yaml::Value;

use crate::db::{valid_ident, valid_table_name};
use crate::exit;

/// The names the migration works with.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Names {
    pub messages: String,
    pub m_id: String,
    pub m_receiver: String,
    pub m_is_read: String,
    pub m_created_at: String,
    pub recipients: String,
    pub r_message_id: String,
    pub r_recipient_id: String,
    pub r_is_read: String,
    pub r_read_at: String,
    pub r_created_at: String,
    pub state: String,
    /// When set, a receiver must exist in this table to be migrated.
    pub users: Option<String>,
    pub u_id: String,
}

impl Default for Names {
    fn default() -> Self {
        Names {
            messages: "messages".into(),
            m_id: "id".into(),
            m_receiver: "receiver_id".into(),
            m_is_read: "is_read".into(),
            m_created_at: "created_at".into(),
            recipients: "message_recipients".into(),
            r_message_id: "message_id".into(),
            r_recipient_id: "recipient_id".into(),
            r_is_read: "is_read".into(),
            r_read_at: "read_at".into(),
            r_created_at: "created_at".into(),
            state: "redkit_migrations".into(),
            users: None,
            u_id: "id".into(),
        }
    }
}

impl Names {
    /// Reads the `migrate:` section (absent: the defaults). A name that is not a plain
    /// identifier is a configuration error (exit 2).
    pub fn from_config(section: Option<&Value>) -> anyhow::Result<Names> {
        let mut n = Names::default();
        let Some(sec) = section else {
            return Ok(n);
        };
        let get = |path: &[&str]| -> anyhow::Result<Option<String>> {
            let mut v = sec;
            for p in path {
                match v.get(*p) {
                    Some(x) => v = x,
                    None => return Ok(None),
                }
            }
            let key = format!("migrate.{}", path.join("."));
            // Tables may be schema-qualified (`public.messages`); columns are plain names.
            let table = matches!(path.last(), Some(&"table")) || path == ["state_table"];
            let ok = |s: &str| {
                if table {
                    valid_table_name(s)
                } else {
                    valid_ident(s)
                }
            };
            match v {
                Value::Null => Ok(None),
                Value::String(s) if ok(s) => Ok(Some(s.clone())),
                Value::String(s) if table => Err(exit::usage(format!(
                    "config {key}: '{s}' is not a table name (a plain SQL identifier of letters, digits and _, or schema.table)"
                ))),
                Value::String(s) => Err(exit::usage(format!(
                    "config {key}: '{s}' is not a plain SQL identifier (letters, digits, _)"
                ))),
                _ => Err(exit::usage(format!("config {key}: expected a name"))),
            }
        };
        let set = |slot: &mut String, path: &[&str]| -> anyhow::Result<()> {
            if let Some(v) = get(path)? {
                *slot = v;
            }
            Ok(())
        };
        set(&mut n.messages, &["messages", "table"])?;
        set(&mut n.m_id, &["messages", "id"])?;
        set(&mut n.m_receiver, &["messages", "receiver_id"])?;
        set(&mut n.m_is_read, &["messages", "is_read"])?;
        set(&mut n.m_created_at, &["messages", "created_at"])?;
        set(&mut n.recipients, &["recipients", "table"])?;
        set(&mut n.r_message_id, &["recipients", "message_id"])?;
        set(&mut n.r_recipient_id, &["recipients", "recipient_id"])?;
        set(&mut n.r_is_read, &["recipients", "is_read"])?;
        set(&mut n.r_read_at, &["recipients", "read_at"])?;
        set(&mut n.r_created_at, &["recipients", "created_at"])?;
        set(&mut n.state, &["state_table"])?;
        n.users = get(&["users", "table"])?;
        set(&mut n.u_id, &["users", "id"])?;
        Ok(n)
    }

    /// The columns `messages` must have.
    pub fn message_columns(&self) -> [&str; 4] {
        [
            &self.m_id,
            &self.m_receiver,
            &self.m_is_read,
            &self.m_created_at,
        ]
    }

    /// The columns `message_recipients` must have.
    pub fn recipient_columns(&self) -> [&str; 5] {
        [
            &self.r_message_id,
            &self.r_recipient_id,
            &self.r_is_read,
            &self.r_read_at,
            &self.r_created_at,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let n = Names::from_config(None).unwrap();
        assert_eq!(n.recipients, "message_recipients");
        let v: Value = serde_yaml::from_str(
            "messages: { table: msg, receiver_id: to_user }\nusers: { table: users }\n",
        )
        .unwrap();
        let n = Names::from_config(Some(&v)).unwrap();
        assert_eq!(n.messages, "msg");
        assert_eq!(n.m_receiver, "to_user");
        assert_eq!(n.users.as_deref(), Some("users"));
        assert_eq!(n.m_id, "id");
        let v: Value = serde_yaml::from_str("messages: { table: public.messages }").unwrap();
        assert_eq!(
            Names::from_config(Some(&v)).unwrap().messages,
            "public.messages"
        );
        let v: Value = serde_yaml::from_str("messages: { id: public.id }").unwrap();
        assert!(Names::from_config(Some(&v)).is_err());
    }

    #[test]
    fn unsafe_names_are_refused() {
        let v: Value = serde_yaml::from_str("messages: { table: 'm; drop table x' }").unwrap();
        let e = Names::from_config(Some(&v)).unwrap_err();
        assert_eq!(exit::classify(&e), exit::ExitStatus::Usage);
        assert!(e.to_string().contains("migrate.messages.table"));
    }
}
