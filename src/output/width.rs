//! Display width of terminal text: East Asian wide characters and emoji take two columns,
//! combining marks none, and SGR escape sequences (`ESC [ ... m`, what `ui.paint` writes) none.
//! Every cut here keeps escape sequences whole and closes what it leaves open.

use unicode_width::UnicodeWidthChar;

/// A piece of a line: visible text, or one whole escape sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(char),
    Esc(&'a str),
}

/// Splits a line into characters and whole escape sequences (CSI `ESC [ ... final`, and a lone
/// `ESC x`).
pub fn pieces(s: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::with_capacity(s.len());
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c != '\x1b' {
            out.push(Piece::Text(c));
            continue;
        }
        let mut end = i + 1;
        if let Some(&(j, '[')) = it.peek() {
            it.next();
            end = j + 1;
            for (k, d) in it.by_ref() {
                end = k + d.len_utf8();
                if ('\x40'..='\x7e').contains(&d) {
                    break;
                }
            }
        } else if let Some(&(j, d)) = it.peek() {
            it.next();
            end = j + d.len_utf8();
        }
        out.push(Piece::Esc(&s[i..end]));
    }
    out
}

/// Columns a character takes (controls count zero: they never reach a table unescaped).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Printable ASCII, no escape sequence: one column a byte. Most cells are, and the general
/// path below cost a table of 200 rows more than the rest of `validate-env` (callgrind).
fn plain_ascii(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Columns a line takes on a terminal.
pub fn width(s: &str) -> usize {
    if plain_ascii(s) {
        return s.len();
    }
    pieces(s)
        .iter()
        .map(|p| match p {
            Piece::Text(c) => char_width(*c),
            Piece::Esc(_) => 0,
        })
        .sum()
}

/// The text without escape sequences (piped output, `--color never`).
pub fn strip(s: &str) -> String {
    if !s.contains('\x1b') {
        return s.to_string();
    }
    pieces(s)
        .iter()
        .filter_map(|p| match p {
            Piece::Text(c) => Some(*c),
            Piece::Esc(_) => None,
        })
        .collect()
}

fn is_sgr(e: &str) -> bool {
    e.starts_with("\x1b[") && e.ends_with('m')
}

fn is_reset(e: &str) -> bool {
    e == "\x1b[m" || e == "\x1b[0m"
}

/// Whether the SGR sequences of `s` leave a colour or weight on at its end.
pub fn leaves_open(s: &str) -> bool {
    if !s.contains('\x1b') {
        return false;
    }
    let mut open = false;
    for p in pieces(s) {
        if let Piece::Esc(e) = p
            && is_sgr(e)
        {
            open = !is_reset(e);
        }
    }
    open
}

/// `s` with a reset appended when it leaves a colour on.
pub fn closed(s: &str) -> String {
    if leaves_open(s) {
        format!("{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// The line cut to at most `max` columns: whole characters, every escape sequence kept, `…` in
/// place of what was cut, and closed.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return closed(s);
    }
    let budget = max.saturating_sub(1);
    let mut out = String::with_capacity(s.len());
    let mut used = 0;
    let mut cut = false;
    for p in pieces(s) {
        match p {
            Piece::Esc(e) => out.push_str(e),
            Piece::Text(c) if !cut => {
                let w = char_width(c);
                if used + w > budget {
                    cut = true;
                    while out.ends_with(' ') {
                        out.pop();
                    }
                    if max > 0 {
                        out.push('…');
                    }
                    continue;
                }
                used += w;
                out.push(c);
            }
            Piece::Text(_) => {}
        }
    }
    closed(&out)
}

/// The line cut to at most `max` columns by taking out its middle: `job_events:tenant…line-42`.
/// A key or id keeps its start and its end, which tell it from its neighbours; the `…` says a
/// cut was made. Escape sequences of the kept parts stay whole, and the result is closed.
pub fn cut_middle(s: &str, max: usize) -> String {
    if width(s) <= max {
        return closed(s);
    }
    if max <= 1 {
        return "…".chars().take(max).collect();
    }
    let ps = pieces(s);
    let room = max - 1;
    let head_room = room.div_ceil(2);
    let mut head = String::new();
    let mut used = 0;
    let mut h = 0;
    while h < ps.len() {
        match ps[h] {
            Piece::Esc(e) => head.push_str(e),
            Piece::Text(c) => {
                if used + char_width(c) > head_room {
                    break;
                }
                used += char_width(c);
                head.push(c);
            }
        }
        h += 1;
    }
    // The tail, gathered from the end, never reaching back into the head; it takes what a
    // wide character left over in the head.
    let tail_room = room - used;
    let mut tail: Vec<Piece<'_>> = Vec::new();
    let mut used = 0;
    let mut t = ps.len();
    while t > h {
        match ps[t - 1] {
            Piece::Esc(e) => tail.push(Piece::Esc(e)),
            Piece::Text(c) => {
                if used + char_width(c) > tail_room {
                    break;
                }
                used += char_width(c);
                tail.push(Piece::Text(c));
            }
        }
        t -= 1;
    }
    let mut out = closed(&head);
    out.push('…');
    for p in tail.iter().rev() {
        match p {
            Piece::Esc(e) => out.push_str(e),
            Piece::Text(c) => out.push(*c),
        }
    }
    closed(&out)
}

/// What [`wrap_with`] does with a word wider than a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Long {
    /// Cut from the middle with `…` ([`cut_middle`]): the line must fit (a table's column).
    Cut,
    /// Kept whole on a line of its own, wider than `max`: the terminal soft-wraps it, and it
    /// copies back as one word (a key in a message, a path in an error).
    Whole,
}

/// Free text folded into lines of at most `max` columns, at spaces; a word wider than a line
/// is cut from the middle with `…`, never broken (see [`wrap_with`]).
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    wrap_with(s, max, Long::Cut)
}

/// Free text folded into lines of at most `max` columns, at spaces, never inside a word (a
/// word wider than a line goes as `long` says). A figure and the unit after it
/// (`52500 keys/s`, `3 attempts`) are one token: the space between them never breaks unless
/// they are wider than a line together. Escape sequences stay whole; a colour open at the end
/// of a line is closed there and opened again on the next.
pub fn wrap_with(s: &str, max: usize, long: Long) -> Vec<String> {
    let max = max.max(1);
    if width(s) <= max {
        return vec![closed(s)];
    }
    // Words with the spaces before them; each word keeps its escapes.
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    let mut active: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut word_w = 0;
    let ps = pieces(s);
    let flush_line =
        |line: &mut String, line_w: &mut usize, active: &[String], lines: &mut Vec<String>| {
            let done = closed(line.trim_end());
            lines.push(done);
            line.clear();
            for a in active {
                line.push_str(a);
            }
            *line_w = 0;
        };
    let mut i = 0;
    while i <= ps.len() {
        let p = ps.get(i).copied();
        let at_space = matches!(p, Some(Piece::Text(' ')) | None);
        if at_space && p.is_some() && glues(&word, word_w, &ps[i + 1..], max) {
            word.push(' ');
            word_w += 1;
            i += 1;
            continue;
        }
        if at_space {
            // Place the word.
            if word_w > 0 || !word.is_empty() {
                let sep = usize::from(line_w > 0);
                if line_w + sep + word_w > max && line_w > 0 {
                    flush_line(&mut line, &mut line_w, &active, &mut lines);
                } else if sep == 1 {
                    line.push(' ');
                    line_w += 1;
                }
                // A word wider than a line is never broken: cut from its middle, or whole.
                if word_w > max && long == Long::Cut {
                    word = cut_middle(&word, max);
                }
                for q in pieces(&word) {
                    match q {
                        Piece::Esc(e) => {
                            line.push_str(e);
                            if is_sgr(e) {
                                if is_reset(e) {
                                    active.clear();
                                } else {
                                    active.push(e.to_string());
                                }
                            }
                        }
                        Piece::Text(c) => {
                            line.push(c);
                            line_w += char_width(c);
                        }
                    }
                }
                word.clear();
                word_w = 0;
            }
            i += 1;
            continue;
        }
        match p {
            Some(Piece::Text(c)) => {
                word.push(c);
                word_w += char_width(c);
            }
            Some(Piece::Esc(e)) => word.push_str(e),
            None => {}
        }
        i += 1;
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(closed(line.trim_end()));
    }
    lines
}

/// Whether the space after `word` joins it to what follows: the word ends in a figure, the
/// next word starts like a unit (`keys/s`, `ms`, `%`), and both fit on a line together.
fn glues(word: &str, word_w: usize, rest: &[Piece<'_>], max: usize) -> bool {
    let ends_in_digit = pieces(word)
        .iter()
        .rev()
        .find_map(|p| match p {
            Piece::Text(c) => Some(*c),
            Piece::Esc(_) => None,
        })
        .is_some_and(|c| c.is_ascii_digit());
    let next = rest.iter().find_map(|p| match p {
        Piece::Text(c) => Some(*c),
        Piece::Esc(_) => None,
    });
    let next_w: usize = rest
        .iter()
        .take_while(|p| !matches!(p, Piece::Text(' ')))
        .map(|p| match p {
            Piece::Text(c) => char_width(*c),
            Piece::Esc(_) => 0,
        })
        .sum();
    ends_in_digit
        && next.is_some_and(|c| c.is_alphabetic() || matches!(c, '%' | '/' | 'µ'))
        && word_w + 1 + next_w <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_count_zero_and_wide_characters_two() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("\x1b[1;31mstuck\x1b[0m"), 5);
        assert_eq!(width("正在分析"), 8);
        assert_eq!(width("ok 🚀"), 5);
        assert_eq!(width("e\u{301}"), 1, "a combining mark takes no column");
        assert_eq!(strip("\x1b[32mOK\x1b[0m!"), "OK!");
    }

    #[test]
    fn truncation_is_by_display_width_and_keeps_escapes_whole() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 3), "abc");
        // Wide characters never split: 3 columns hold one CJK character and the ellipsis.
        assert_eq!(truncate("正在分析", 4), "正…");
        assert_eq!(width(&truncate("正在分析", 5)), 5);
        assert_eq!(width(&truncate("正在分析", 6)), 5);
        let red = "\x1b[31mREGRESSION\x1b[0m";
        let t = truncate(red, 6);
        assert_eq!(t, "\x1b[31mREGRE…\x1b[0m");
        assert!(!leaves_open(&t));
        // A colour left open by the input is closed.
        assert_eq!(truncate("\x1b[31mabc", 10), "\x1b[31mabc\x1b[0m");
        assert_eq!(width(&truncate("🚀🚀🚀", 4)), 3);
    }

    #[test]
    fn middle_cuts_keep_both_ends_and_escapes_whole() {
        assert_eq!(cut_middle("abcdefgh", 8), "abcdefgh");
        assert_eq!(cut_middle("abcdefgh", 5), "ab…gh");
        assert_eq!(cut_middle("abcdefgh", 6), "abc…gh");
        assert_eq!(cut_middle("1796156335574-0", 9), "1796…74-0");
        assert_eq!(width(&cut_middle("正在分析图片", 7)), 7);
        assert_eq!(width(&cut_middle("正在分析图片", 6)), 5);
        let red = cut_middle("\x1b[31mREGRESSION-REGRESSION\x1b[0m", 9);
        assert_eq!(strip(&red), "REGR…SION");
        assert!(!leaves_open(&red), "{red:?}");
        assert_eq!(cut_middle("abc", 1), "…");
        assert_eq!(cut_middle("abc", 0), "");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_reopens_colour() {
        assert_eq!(
            wrap("retries exhausted (3 attempts): timeout", 20),
            vec!["retries exhausted", "(3 attempts):", "timeout"]
        );
        // A word wider than a line is never broken: cut from its middle, or kept whole.
        assert_eq!(wrap("abcdefgh", 3), vec!["a…h"]);
        assert_eq!(
            wrap("key job_events:tenant-acme-42 gone", 12),
            vec!["key", "job_ev…me-42", "gone"]
        );
        assert_eq!(
            wrap_with("key job_events:tenant-acme-42 gone", 12, Long::Whole),
            vec!["key", "job_events:tenant-acme-42", "gone"]
        );
        // A figure keeps its unit.
        assert_eq!(
            wrap("deleted 9 keys in 0.2s (52500 keys/s)", 27),
            vec!["deleted 9 keys in 0.2s", "(52500 keys/s)"]
        );
        assert_eq!(wrap("took 300 ms", 9), vec!["took", "300 ms"]);
        // Together wider than a line, they break at their space after all.
        assert_eq!(wrap("12345 units", 6), vec!["12345", "units"]);
        // A figure before a figure is no unit.
        assert_eq!(wrap("ids 10 20", 6), vec!["ids 10", "20"]);
        let lines = wrap("\x1b[31mred words here\x1b[0m", 9);
        assert_eq!(lines.len(), 2);
        for l in &lines {
            assert!(!leaves_open(l), "{l:?}");
            assert!(width(l) <= 9);
        }
        assert!(lines[1].starts_with("\x1b[31m"));
        for l in wrap("正在分析图片 正在分析图片正在分析图片", 7) {
            assert!(width(&l) <= 7, "{l}");
        }
    }
}
