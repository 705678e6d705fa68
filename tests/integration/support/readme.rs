//! The README's command lines, for the test that parses them (`cli.rs`) and the one that runs
//! them (`readme.rs`): found in its code blocks and split into words with enough of the shell
//! for examples (quotes, operators, comments).

/// One line of a README code block that may hold a command.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in README.md.
    pub number: usize,
    /// The block's info string: `sh`, `bash`, `cron`, or empty for a plain block.
    pub block: String,
    /// The last `##`/`###` heading above the line.
    pub section: String,
    /// The shell command: without a `$ ` prompt and, in a cron block, without the five
    /// schedule fields.
    pub command: String,
}

pub fn readme_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("read README.md")
}

/// Every line of the README's `sh`, `bash` and `cron` blocks, every `$ `-prompted line of
/// its plain blocks (an example with its output), blank lines and comment lines left out, and
/// the commands its service files start: a systemd `Exec…=` line, a Compose healthcheck
/// `["CMD", …]`, the `args` of a container whose image is redkit's.
pub fn command_lines(readme: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    let mut section = String::new();
    let mut redkit_image = false;
    for (i, raw) in readme.lines().enumerate() {
        if let Some(info) = raw.strip_prefix("```") {
            block = match block {
                Some(_) => None,
                None => Some(info.trim().to_string()),
            };
            redkit_image = false;
            continue;
        }
        let Some(kind) = &block else {
            if raw.starts_with("## ") || raw.starts_with("### ") {
                section = raw.trim_start_matches('#').trim().to_string();
            }
            continue;
        };
        let line = raw.trim();
        if line.starts_with('#') {
            continue;
        }
        let command = match kind.as_str() {
            "sh" | "bash" => line.strip_prefix("$ ").unwrap_or(line).to_string(),
            "cron" => {
                let mut rest = line;
                for _ in 0..5 {
                    rest = rest.trim_start();
                    rest = &rest[rest.find(char::is_whitespace).unwrap_or(rest.len())..];
                }
                rest.trim().to_string()
            }
            "" => match line.strip_prefix("$ ") {
                Some(c) => c.to_string(),
                None => continue,
            },
            "ini" => match line.split_once('=') {
                // systemd's prefixes (`-`: failure ignored, `@`, `+`, `!`) are not the command.
                Some((key, value)) if key.starts_with("Exec") => {
                    value.trim_start_matches(['-', '@', '+', '!']).to_string()
                }
                _ => continue,
            },
            "yaml" => {
                redkit_image |= line.starts_with("image:") && line.contains("redkit");
                let list = || {
                    let at = line.find('[')?;
                    serde_json::from_str::<Vec<String>>(line[at..].trim()).ok()
                };
                match list() {
                    Some(l) if l.first().map(String::as_str) == Some("CMD") => shell_join(&l[1..]),
                    Some(l) if redkit_image && line.starts_with("args:") => {
                        format!("redkit {}", shell_join(&l))
                    }
                    _ => continue,
                }
            }
            _ => continue,
        };
        if command.is_empty() || command.starts_with('#') {
            continue;
        }
        out.push(Line {
            number: i + 1,
            block: kind.clone(),
            section: section.clone(),
            command,
        });
    }
    out
}

/// Words as one shell line, quoted where the shell would split or expand them.
fn shell_join(words: &[String]) -> String {
    let plain = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c))
    };
    let quoted: Vec<String> = words
        .iter()
        .map(|w| {
            if plain(w) {
                w.clone()
            } else {
                format!("'{}'", w.replace('\'', "'\\''"))
            }
        })
        .collect();
    quoted.join(" ")
}

/// The words of one simple command: quotes removed, a stop at pipes, redirections, `&&`, `||`,
/// `;` and comments.
pub fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                started = true;
            }
            None if c.is_whitespace() => {
                if started || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                started = false;
            }
            None if matches!(c, '|' | '>' | '<' | ';' | '&' | '#') && cur.is_empty() => break,
            None => cur.push(c),
        }
    }
    if started || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The simple commands of a line: split at `&&`, `||`, `|`, `;` and `&` outside quotes, up to
/// a comment.
pub fn simple_commands(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                cur.push(c);
            }
            Some(_) => cur.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                cur.push(c);
            }
            None if c == '#' && (cur.is_empty() || cur.ends_with(char::is_whitespace)) => break,
            None if matches!(c, '|' | ';' | '&') => {
                if !cur.trim().is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
            None => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

/// The redkit invocation of a line (`redkit` first), wherever it stands: after variable
/// assignments, after `flock [-n] [-E N] LOCK`, after another command and `&&`/`||`/`;`, or
/// called by its path (`/usr/local/bin/redkit`).
pub fn redkit_argv(line: &str) -> Option<Vec<String>> {
    for cmd in simple_commands(line) {
        let w = words(&cmd);
        let mut i = 0;
        while i < w.len() && is_assignment(&w[i]) {
            i += 1;
        }
        if w.get(i).map(String::as_str) == Some("flock") {
            i += 1;
            while let Some(opt) = w.get(i).filter(|o| o.starts_with('-')) {
                i += if matches!(opt.as_str(), "-E" | "-w" | "--conflict-exit-code") {
                    2
                } else {
                    1
                };
            }
            i += 1; // the lock file
        }
        if let Some(first) = w.get(i)
            && (first == "redkit" || first.ends_with("/redkit"))
        {
            let mut argv = w[i..].to_vec();
            argv[0] = "redkit".into();
            return Some(argv);
        }
    }
    None
}

fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}
