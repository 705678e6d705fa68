//! The one masking function every command uses for secrets.

/// Masks a secret. Values under 12 characters are hidden entirely (only their length shows);
/// longer ones keep at most 4 leading and 4 trailing characters, and never more than a quarter
/// of the value in all, so a 34-character `sk-…cd23` key shows as `sk-1...cd23`.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let n = chars.len();
    if n == 0 {
        return String::new();
    }
    if n < 12 {
        return format!("****** ({n} {})", if n == 1 { "char" } else { "chars" });
    }
    // Each side shows k chars; 2k <= n/4 keeps the visible part to a quarter at most.
    let k = (n / 8).min(4);
    let head: String = chars[..k].iter().collect();
    let tail: String = chars[n - k..].iter().collect();
    format!("{head}...{tail}")
}

/// The one decision for showing a value marked secret, wherever it is shown (reports, `config`,
/// errors, `Debug`). A value that is a URL (`scheme://…`, any scheme) or a keyword connection
/// string holding a credential (`host=db password=X`) is masked by the URL rule, never by
/// [`mask`]: the prefix and suffix of a URL are its scheme and its last parameter, often the
/// password itself (`postgres://app@db/app?password=X`). Every query parameter's value is
/// hidden then, whatever its name. A URL in which nothing is hidden that way shows its scheme
/// and host only (`https://hooks.example/****`; `redis://****` with nothing after the host):
/// its secret is then in the path, where the rule cannot name it. Anything else gets [`mask`].
pub fn mask_secret(value: &str) -> String {
    if let Some(scheme_end) = url_scheme_end(value) {
        let scheme = value[..scheme_end].to_ascii_lowercase();
        let bare = if DB_SCHEMES.iter().any(|s| scheme.starts_with(s)) {
            BareUserinfo::User
        } else {
            BareUserinfo::Password
        };
        // In a value marked secret every parameter's value is hidden, not only those named
        // like a credential: `?foo=TOKEN` is as likely as `?token=TOKEN`.
        let masked = mask_params_with(&mask_authority(value, bare), |_| true);
        if masked != value {
            return masked;
        }
        let after = &value[scheme_end + 3..];
        let end = after.find(['/', '?', '#']).unwrap_or(after.len());
        // Nothing after the authority: the whole rest is hidden, as a password that merely
        // holds `://` would otherwise show whole as a "host".
        return match after[end..].chars().next() {
            Some(sep) => format!("{}{sep}****", &value[..scheme_end + 3 + end]),
            None => format!("{}://****", &value[..scheme_end]),
        };
    }
    let keywords = mask_keywords(value);
    if keywords != value {
        return keywords;
    }
    mask(value)
}

/// Schemes whose bare userinfo is a user name (`postgres://app@db`), as in [`mask_db_url`].
const DB_SCHEMES: [&str; 4] = ["postgres", "mysql", "mariadb", "sqlite"];

/// Where `://` starts when the text begins with a URL scheme (a letter, then letters, digits,
/// `+`, `-` or `.`), as RFC 3986 spells one.
fn url_scheme_end(text: &str) -> Option<usize> {
    let end = text.find("://")?;
    let scheme = &text[..end];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    (first_ok && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then_some(end)
}

/// The one rule for every part of a URL that can hold a credential: the userinfo's password
/// (`redis://user:pw@host` → `redis://user:****@host`), a password written where the port goes
/// (`redis://user:pw`), and any query or fragment parameter whose name looks like a credential
/// (`?password=`, `sslpassword`, `pass`, `pwd`, `token`, `auth`, `api_key`..., case-insensitive,
/// percent-encoded or not: `postgres://app@db/app?password=X` is libpq's own form). In a Redis
/// URL a bare userinfo (`redis://secret@host`) is a password too. A text without `://` (a typo
/// such as `redis:/:pw@host`, `postgres//app:pw@db`, or the scheme-less `:pw@host:6379`) has
/// everything between its first `:` and its last `@` masked. The rest stays readable.
pub fn mask_url(text: &str) -> String {
    mask_params(&mask_authority(text, BareUserinfo::Password))
}

/// The same rule for a database URL, where a bare userinfo is the user name
/// (`postgres://app@db/app` keeps `app`).
pub fn mask_db_url(text: &str) -> String {
    mask_params(&mask_authority(text, BareUserinfo::User))
}

/// What a userinfo without `:` is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BareUserinfo {
    /// Redis clients accept `redis://secret@host`.
    Password,
    /// `postgres://app@db`, `mysql://app@db`.
    User,
}

fn mask_authority(text: &str, bare: BareUserinfo) -> String {
    let Some(scheme_end) = text.find("://") else {
        return mask_keywords(&mask_malformed(text));
    };
    let after = &text[scheme_end + 3..];
    // The userinfo ends at the last '@' before any '?' or '#' that follows the first '@': a
    // password may itself hold '/', '?', '#' or '@' when it was not percent-encoded, and a query
    // may hold an '@' of its own.
    let Some(first_at) = after.find('@') else {
        return mask_port_shaped(text, scheme_end + 3);
    };
    let limit = after[first_at..]
        .find(['?', '#'])
        .map_or(after.len(), |p| first_at + p);
    let at = after[..limit].rfind('@').unwrap_or(first_at);
    let userinfo = &after[..at];
    let masked_userinfo = match userinfo.find(':') {
        // An empty password is shown as empty: `u:****` would read as a password that is there
        // (a `${DB_PASSWORD}` that came out empty must look empty).
        Some(colon) if colon + 1 == userinfo.len() => userinfo.to_string(),
        Some(colon) => format!("{}:****", &userinfo[..colon]),
        None if bare == BareUserinfo::User => userinfo.to_string(),
        None if !userinfo.is_empty() => "****".to_string(),
        None => String::new(),
    };
    let head = format!("{}://{}@", &text[..scheme_end], masked_userinfo);
    // `scheme://user@host:PW` puts a password where the port goes, after the '@' too.
    let rest = mask_port_shaped(&after[at + 1..], 0);
    format!("{head}{rest}")
}

/// A URL without `@`: `scheme://user:PW` (or `scheme://:PW/0`) puts the password where the
/// port goes. What follows the authority's `:` is masked unless it is a port number.
fn mask_port_shaped(text: &str, start: usize) -> String {
    let rest = &text[start..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    // Past a bracketed IPv6 host; an unbalanced `[` counts as no host at all.
    let from = match (authority.starts_with('['), authority.find(']')) {
        (true, Some(close)) => close,
        _ => 0,
    };
    let Some(colon) = authority[from..].find(':').map(|c| from + c) else {
        return text.to_string();
    };
    let port = &authority[colon + 1..];
    if port.is_empty() || port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()) {
        return text.to_string();
    }
    format!("{}:****{}", &text[..start + colon], &rest[end..])
}

/// The rule for text that is not a well-formed URL: what lies between the first `:` and the last
/// `@` may be a password, so it is masked whole.
fn mask_malformed(text: &str) -> String {
    let Some(at) = text.rfind('@') else {
        return text.to_string();
    };
    match text[..at].find(':') {
        Some(colon) => format!("{}:****@{}", &text[..colon], &text[at + 1..]),
        // `user@host` or an e-mail address: no password shape.
        None => text.to_string(),
    }
}

/// A keyword connection string (libpq's `host=db password=X`, ADO's `Server=db;Password=X`):
/// the value of every keyword named like a credential is masked, quoted (`'a b'`) or not.
fn mask_keywords(text: &str) -> String {
    if !text.contains('=') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // Copy separators as they are.
        let word_start = rest
            .find(|c: char| !(c.is_whitespace() || c == ';'))
            .unwrap_or(rest.len());
        out.push_str(&rest[..word_start]);
        rest = &rest[word_start..];
        if rest.is_empty() {
            break;
        }
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace() || c == ';')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        let after_name = &rest[name_end..];
        // `name = value` (libpq allows spaces around '=').
        let eq = after_name.trim_start_matches([' ', '\t']);
        if !eq.starts_with('=') {
            out.push_str(name);
            rest = after_name;
            continue;
        }
        let value = eq[1..].trim_start_matches([' ', '\t']);
        let value_len = match value.chars().next() {
            Some(q @ ('\'' | '"')) => {
                // A quoted value runs to its closing quote (a backslash escapes one).
                let mut end = value.len();
                let mut escaped = false;
                for (i, c) in value.char_indices().skip(1) {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == q {
                        end = i + 1;
                        break;
                    }
                }
                end
            }
            _ => value
                .find(|c: char| c.is_whitespace() || c == ';')
                .unwrap_or(value.len()),
        };
        let consumed = rest.len() - value.len() + value_len;
        if value_len > 0 && param_looks_secret(name) {
            out.push_str(&rest[..rest.len() - value.len()]);
            out.push_str("****");
        } else {
            out.push_str(&rest[..consumed]);
        }
        rest = &rest[consumed..];
    }
    out
}

/// Masks the value of every query and fragment parameter whose name looks like a credential.
/// Parameters are separated by `&` or `;`; the query starts at the first `?` (the userinfo is
/// already masked, so a `?` left of it cannot be part of a password any more).
fn mask_params(text: &str) -> String {
    mask_params_with(text, param_looks_secret)
}

/// [`mask_params`] with the test of a parameter's name given.
fn mask_params_with(text: &str, secret_name: impl Fn(&str) -> bool) -> String {
    let Some(q) = text.find(['?', '#']) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..=q]);
    let mut rest = &text[q + 1..];
    loop {
        let end = rest.find(['&', ';', '#', '?']).unwrap_or(rest.len());
        out.push_str(&mask_pair(&rest[..end], &secret_name));
        match rest[end..].chars().next() {
            Some(sep) => {
                out.push(sep);
                rest = &rest[end + sep.len_utf8()..];
            }
            None => break,
        }
    }
    out
}

/// `name=value` with the value masked when the name looks like a credential.
fn mask_pair(pair: &str, secret_name: impl Fn(&str) -> bool) -> String {
    match pair.split_once('=') {
        Some((name, value)) if !value.is_empty() && secret_name(name) => {
            format!("{name}=****")
        }
        _ => pair.to_string(),
    }
}

/// Whether a URL parameter's name (percent-decoded, any case) names a credential.
pub fn param_looks_secret(name: &str) -> bool {
    let decoded = percent_decode(&name.replace('+', " "));
    let upper = decoded.to_ascii_uppercase();
    name_looks_secret(&upper) || upper.contains("SIG") || upper == "PW"
}

/// Percent-decoding by hand (this module stays std only); invalid escapes stay as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether a variable's name marks it as a secret when the spec does not say.
pub fn name_looks_secret(name: &str) -> bool {
    // Compared in place, ignoring ASCII case (the markers are ASCII): an upper-cased copy and
    // twelve substring searches per name were a visible part of checking a large spec.
    let name = name.as_bytes();
    SECRET_NAME_MARKERS.iter().any(|m| {
        name.windows(m.len())
            .any(|w| w.eq_ignore_ascii_case(m.as_bytes()))
    })
}

// The list, plus PASS, AUTH, DSN and CREDS, common in .env files (DB_PASS,
// SENTRY_DSN): masking one value too many is cheaper than printing one.
/// The words that make a variable's name secret (the README and `redkit init` list them).
pub const SECRET_NAME_MARKERS: [&str; 12] = [
    "KEY",
    "SECRET",
    "TOKEN",
    "PASSWORD",
    "PASSWD",
    "PASS",
    "PWD",
    "AUTH",
    "DSN",
    "CREDS",
    "CREDENTIAL",
    "PRIVATE",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_hidden_entirely() {
        assert_eq!(mask("hunter2"), "****** (7 chars)");
        assert_eq!(mask("12345678901"), "****** (11 chars)");
        assert!(!mask("zyxwvutsrqp").contains('z'));
    }

    #[test]
    fn long_values_show_at_most_a_quarter() {
        // 27 chars: a quarter is 6, so 3 + 3 show.
        assert_eq!(mask("sk-1234567890abcdef1234cd23"), "sk-...d23");
        assert_eq!(mask("sk-1234567890abcdef1234567890abcd23"), "sk-1...cd23");
        for len in 12..80 {
            let v: String = (0..len)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            let m = mask(&v);
            let shown = m.replace("...", "").chars().count();
            assert!(shown * 4 <= len, "len {len}: {m}");
            assert!(shown <= 8);
        }
    }

    #[test]
    fn counts_characters_not_bytes() {
        let v = "密码密码密码密码密码密码密码密码";
        let m = mask(v);
        assert_eq!(m, "密码...密码");
    }

    #[test]
    fn url_passwords_are_masked() {
        assert_eq!(
            mask_url("redis://app:s3cret-pass@db.example:6380/2"),
            "redis://app:****@db.example:6380/2"
        );
        assert_eq!(mask_url("redis://:pw@host"), "redis://:****@host");
        assert_eq!(mask_url("redis://host:6379"), "redis://host:6379");
        assert_eq!(mask_url("mysql://u:p@h/db?x=@"), "mysql://u:****@h/db?x=@");
        assert_eq!(mask_url("not a url"), "not a url");
        // Unencoded '/', '?' and '@' inside the password.
        assert_eq!(mask_url("redis://:pa/ss@h:1/0"), "redis://:****@h:1/0");
        assert_eq!(mask_url("redis://u:p@ss@h/0?x=@"), "redis://u:****@h/0?x=@");
        assert_eq!(mask_url("redis://u:p?s@h/0"), "redis://u:****@h/0");
        assert_eq!(mask_url("redis://:p#w@h"), "redis://:****@h");
        // An empty password looks empty.
        assert_eq!(mask_url("postgres://u:@db/app"), "postgres://u:@db/app");
        assert_eq!(mask_url("redis://:@h"), "redis://:@h");
    }

    #[test]
    fn malformed_urls_are_masked() {
        assert_eq!(mask_url("redis:/:PW@host:6379"), "redis:****@host:6379");
        assert_eq!(mask_url("redis//:PW@host:6379"), "redis//:****@host:6379");
        assert_eq!(
            mask_url("postgres//app:PW@db:5432/app"),
            "postgres//app:****@db:5432/app"
        );
        assert_eq!(mask_url("mysql:app:PW@db/x"), "mysql:****@db/x");
        assert_eq!(mask_url(":PW@host:6379"), ":****@host:6379");
        assert_eq!(mask_url("ops@example.com"), "ops@example.com");
        assert_eq!(mask_url("host:6379"), "host:6379");
    }

    #[test]
    fn a_password_where_the_port_goes_is_masked() {
        assert_eq!(mask_url("redis://user:Zq7SECRET"), "redis://user:****");
        assert_eq!(mask_url("redis://:PW/0"), "redis://:****/0");
        assert_eq!(
            mask_url("rediss://default:PW?x=1"),
            "rediss://default:****?x=1"
        );
        assert_eq!(
            mask_url("postgres://app:Zq7SECRETzq7"),
            "postgres://app:****"
        );
        assert_eq!(mask_url("redis://[::1:Zq7SECRET"), "redis://[:****");
        // Ports stay.
        assert_eq!(mask_url("redis://host:6379/0"), "redis://host:6379/0");
        assert_eq!(mask_url("redis://[::1]:6379"), "redis://[::1]:6379");
        assert_eq!(mask_url("redis://host"), "redis://host");
    }

    proptest::proptest! {
        /// Whatever surrounds it, a password placed between a ':' and an '@' never survives.
        #[test]
        fn no_password_survives_masking(
            scheme in "(redis|rediss|postgres|mysql|sqlite|)",
            sep in "(://|:/|//|:|/|)",
            user in "[a-z]{0,6}",
            host in "[a-z0-9.]{0,10}(:[0-9]{1,5})?(/[0-9a-z?=&]{0,6})?",
            tail in "[@:/?#]{0,2}",
        ) {
            let pw = "Zq7PwSecretXy";
            let url = format!("{scheme}{sep}{user}:{pw}@{host}{tail}");
            let masked = mask_url(&url);
            proptest::prop_assert!(!masked.contains(pw), "{url} -> {masked}");
            proptest::prop_assert!(!masked.contains("PwSecret"), "{url} -> {masked}");
        }

        /// Without an '@', a password written where the port goes never survives either.
        #[test]
        fn no_password_in_the_port_place_survives(
            scheme in "(redis|rediss|postgres|mysql)",
            user in "[a-z]{0,6}",
            tail in "(/[0-9a-z]{0,4})?([?#][a-z=]{0,4})?",
        ) {
            let pw = "Zq7PwSecretXy";
            let url = format!("{scheme}://{user}:{pw}{tail}");
            let masked = mask_url(&url);
            proptest::prop_assert!(!masked.contains("PwSecret"), "{url} -> {masked}");
        }
    }

    #[test]
    fn credentials_in_the_query_string_are_masked() {
        assert_eq!(
            mask_db_url("postgres://app@db/app?password=X1y2&sslmode=require"),
            "postgres://app@db/app?password=****&sslmode=require"
        );
        assert_eq!(
            mask_db_url("postgres://app@db/app?sslmode=require&SSLPassword=k"),
            "postgres://app@db/app?sslmode=require&SSLPassword=****"
        );
        assert_eq!(
            mask_db_url("mysql://app@db/app?pass%77ord=X"),
            "mysql://app@db/app?pass%77ord=****"
        );
        assert_eq!(
            mask_url("redis://h:6379/0?auth=X;token=Y#pwd=Z"),
            "redis://h:6379/0?auth=****;token=****#pwd=****"
        );
        assert_eq!(
            mask_url("redis://u:pw@h/0?password=X"),
            "redis://u:****@h/0?password=****"
        );
        // Nothing to hide stays readable, and so does a user name in a database URL.
        assert_eq!(
            mask_db_url("postgres://app@db/app?sslmode=require&password="),
            "postgres://app@db/app?sslmode=require&password="
        );
        assert_eq!(
            mask_db_url("postgres://app@db:5432/app"),
            "postgres://app@db:5432/app"
        );
        assert_eq!(
            mask_db_url("sqlite:///srv/app.db?mode=rw"),
            "sqlite:///srv/app.db?mode=rw"
        );
        // A password where the port goes, after the user.
        assert_eq!(
            mask_db_url("postgres://app@db:Zq7SECRET/app"),
            "postgres://app@db:****/app"
        );
    }

    #[test]
    fn keyword_connection_strings_are_masked() {
        assert_eq!(
            mask_url("host=db user=app password=Zq7 dbname=app"),
            "host=db user=app password=**** dbname=app"
        );
        assert_eq!(
            mask_url("host=db password = 'a b\\' c' sslmode=require"),
            "host=db password = **** sslmode=require"
        );
        assert_eq!(
            mask_url("Server=db;User Id=app;Password=Zq7;Database=x"),
            "Server=db;User Id=app;Password=****;Database=x"
        );
        assert_eq!(
            mask_url("plain words, no keywords"),
            "plain words, no keywords"
        );
        assert_eq!(mask_url("a=b c=d"), "a=b c=d");
    }

    proptest::proptest! {
        /// In a keyword connection string, a credential's value never survives.
        #[test]
        fn no_keyword_credential_survives(
            before in "(|host=db |Server=db;|dbname=app )",
            name in "(password|PASSWORD|sslpassword|Pwd|pass|token|auth)",
            space in "( ?)",
            quote in "(|'|\")",
            after in "(| sslmode=require|;Database=x)",
        ) {
            let pw = format!("{quote}Zq7PwSecretXy{quote}");
            let text = format!("{before}{name}{space}={space}{pw}{after}");
            let masked = mask_url(&text);
            proptest::prop_assert!(!masked.contains("PwSecret"), "{text} -> {masked}");
        }

        /// A credential given as a query or fragment parameter never survives, whatever the
        /// parameter's case or percent-encoding, the scheme, or the parameters around it.
        #[test]
        fn no_query_credential_survives_masking(
            scheme in "(redis|rediss|postgres|postgresql|mysql|mariadb|sqlite|redis\\+unix)",
            user in "(|app@|app:Zq7PwSecretXy@|:Zq7PwSecretXy@)",
            host in "(db|db:5432|\\[::1\\]:6379|)",
            path in "(|/|/app|/0)",
            name in "(password|sslpassword|pass|pwd|passwd|token|auth|auth_token|api_key|apikey|secret|access_token|client_secret|sig|signature|credentials)",
            upper in proptest::collection::vec(proptest::bool::ANY, 20),
            encode in proptest::collection::vec(proptest::bool::ANY, 20),
            before in "(|sslmode=require[&;])",
            after in "(|[&;]connect_timeout=5|#frag)",
            lead in "[?#]",
            value_enc in proptest::bool::ANY,
        ) {
            let name: String = name
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    let c = if upper[i % 20] { c.to_ascii_uppercase() } else { c };
                    if encode[i % 20] { format!("%{:02X}", c as u32) } else { c.to_string() }
                })
                .collect();
            let value = if value_enc { "Zq7%50wSecretXy" } else { "Zq7PwSecretXy" };
            let url = format!("{scheme}://{user}{host}{path}{lead}{before}{name}={value}{after}");
            for masked in [mask_url(&url), mask_db_url(&url)] {
                proptest::prop_assert!(!masked.contains("SecretXy"), "{url} -> {masked}");
                proptest::prop_assert!(!masked.contains("PwSecret"), "{url} -> {masked}");
            }
        }

        /// Parameters that hold no credential are left exactly as written.
        #[test]
        fn other_parameters_stay(
            name in "(sslmode|db|connect_timeout|application_name|charset|protocol)",
            value in "[a-z0-9_-]{1,12}",
        ) {
            let url = format!("postgres://app@db/app?{name}={value}");
            proptest::prop_assert_eq!(mask_db_url(&url), url.clone());
            proptest::prop_assert_eq!(mask_url(&url), url.replace("app@", "****@"));
        }
    }

    #[test]
    fn secret_urls_are_masked_by_the_url_rule() {
        assert_eq!(
            mask_secret("postgres://app@db/app?password=LongDbPassword1"),
            "postgres://app@db/app?password=****"
        );
        assert_eq!(
            mask_secret("mysql://app@db/app?x=1&api_key=ApiK3ySecret"),
            "mysql://app@db/app?x=****&api_key=****"
        );
        assert_eq!(
            mask_secret("redis://default:LongRedisPassw0rd@cache:6379"),
            "redis://default:****@cache:6379"
        );
        assert_eq!(
            mask_secret("https://abcdef0123456789@o1.ingest.example/42"),
            "https://****@o1.ingest.example/42"
        );
        // No credential the URL rule knows: scheme and host only.
        assert_eq!(
            mask_secret("https://hooks.example/services/T0/B0/XyzSecretTail"),
            "https://hooks.example/****"
        );
        assert_eq!(mask_secret("redis://cache:6379"), "redis://****");
        assert_eq!(mask_secret("pw://LongPasswordValue"), "pw://****");
        assert_eq!(
            mask_secret("host=db user=app password=LongDbPassword1"),
            "host=db user=app password=****"
        );
        // Not a URL: the general mask.
        assert_eq!(
            mask_secret("sk-1234567890abcdef1234567890abcd23"),
            "sk-1...cd23"
        );
        assert_eq!(mask_secret("1abc://x"), mask("1abc://x"));
    }

    proptest::proptest! {
        /// A secret URL never shows its password's tail, wherever the password sits.
        #[test]
        fn no_tail_of_a_secret_url_survives(
            scheme in "(redis|rediss|postgres|postgresql|mysql|mariadb|https|amqp|mongodb\\+srv)",
            place in 0usize..4,
            name in "(password|api_key|token|secret|sig|foo)",
        ) {
            let pw = "Zq7PwSecretXy";
            let url = match place {
                0 => format!("{scheme}://app:{pw}@db/app"),
                1 => format!("{scheme}://app@db/app?{name}={pw}"),
                // A bare userinfo is a password except in a database URL (the user name).
                2 if !["postgres", "mysql", "mariadb"].iter().any(|d| scheme.starts_with(d)) => {
                    format!("{scheme}://{pw}@db/app")
                }
                2 => format!("{scheme}://app@db/app?password={pw}"),
                _ => format!("{scheme}://db/app/{pw}"),
            };
            let m = mask_secret(&url);
            proptest::prop_assert!(!m.contains("etXy"), "{url} -> {m}");
            proptest::prop_assert!(!m.contains("Zq7P"), "{url} -> {m}");
        }
    }

    #[test]
    fn secret_names() {
        assert!(name_looks_secret("QWEN_API_KEY"));
        assert!(name_looks_secret("ERP_PASSWORD"));
        assert!(name_looks_secret("db_pwd"));
        assert!(name_looks_secret("DB_PASS"));
        assert!(name_looks_secret("SENTRY_DSN"));
        assert!(!name_looks_secret("REDIS_HOST"));
    }
}
