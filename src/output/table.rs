//! The one table renderer: columns laid out by display width (see `width`), fitted to the
//! terminal without ever breaking a token (a number, key, stream id, time), and coloured after
//! layout so no escape sequence is split or left open.
//!
//! Fitting, when the natural widths are wider than the terminal: free-text columns
//! ([`Kind::Text`], [`Kind::Wrap`]) shrink first, the widest first, down to a floor; when the
//! row is still too wide it folds: the columns that do not fit go on indented continuation
//! lines, the same for every row so they stay aligned. `--wide` (or a pipe) shows every cell
//! whole. Lines never end in spaces.

use std::borrow::Cow;
use std::fmt;

use super::width::{self, closed, leaves_open, strip, truncate, wrap};

/// What a column holds, which decides how it may be fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Shown whole or not at all: numbers, keys, ids, times, states.
    Token,
    /// Free text cut with `…` when space is short.
    Text,
    /// Free text wrapped onto more lines when space is short (an error someone must read).
    Wrap,
}

/// Colours a cell can take (the names of comfy-table's, so call sites only change imports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    White,
    Grey,
    DarkGrey,
    DarkRed,
    DarkGreen,
    DarkYellow,
    DarkBlue,
    DarkMagenta,
    DarkCyan,
}

impl Color {
    fn sgr(self) -> &'static str {
        match self {
            Color::Black => "30",
            Color::DarkRed => "31",
            Color::DarkGreen => "32",
            Color::DarkYellow => "33",
            Color::DarkBlue => "34",
            Color::DarkMagenta => "35",
            Color::DarkCyan => "36",
            Color::Grey => "37",
            Color::DarkGrey => "90",
            Color::Red => "91",
            Color::Green => "92",
            Color::Yellow => "93",
            Color::Blue => "94",
            Color::Magenta => "95",
            Color::Cyan => "96",
            Color::White => "97",
        }
    }
}

/// Text attributes a cell can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribute {
    Bold,
    Dim,
    Italic,
    Underlined,
}

impl Attribute {
    fn sgr(self) -> &'static str {
        match self {
            Attribute::Bold => "1",
            Attribute::Dim => "2",
            Attribute::Italic => "3",
            Attribute::Underlined => "4",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Right,
}

/// One cell: text (which may already hold colour from `ui.paint`) and a style applied after
/// layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    text: String,
    fg: Option<Color>,
    attrs: Vec<Attribute>,
    align: Align,
}

impl Cell {
    pub fn new(content: impl fmt::Display) -> Cell {
        Cell {
            text: content.to_string(),
            fg: None,
            attrs: Vec::new(),
            align: Align::Left,
        }
    }

    pub fn fg(mut self, c: Color) -> Cell {
        self.fg = Some(c);
        self
    }

    pub fn add_attribute(mut self, a: Attribute) -> Cell {
        self.attrs.push(a);
        self
    }

    pub fn align_right(mut self) -> Cell {
        self.align = Align::Right;
        self
    }

    /// The text as given, without the cell's own style.
    pub fn content(&self) -> &str {
        &self.text
    }

    fn style(&self) -> Option<String> {
        let mut codes: Vec<&str> = self.attrs.iter().map(|a| a.sgr()).collect();
        if let Some(c) = self.fg {
            codes.push(c.sgr());
        }
        (!codes.is_empty()).then(|| format!("\x1b[{}m", codes.join(";")))
    }
}

/// Anything a call site passes as a cell.
pub trait IntoCell {
    fn into_cell(self) -> Cell;
}

impl IntoCell for Cell {
    fn into_cell(self) -> Cell {
        self
    }
}

impl IntoCell for super::paint::Painted {
    fn into_cell(self) -> Cell {
        Cell::new(self)
    }
}

macro_rules! display_cells {
    ($($t:ty),*) => {$(
        impl IntoCell for $t {
            fn into_cell(self) -> Cell {
                Cell::new(self)
            }
        }
    )*};
}
display_cells!(
    &str,
    String,
    &String,
    Box<str>,
    std::borrow::Cow<'_, str>,
    char,
    u8,
    u16,
    u32,
    u64,
    usize,
    i32,
    i64,
    f64
);

/// comfy-table cells of code not yet moved to `output::Cell`: their text, and their colour and
/// weight recovered by comparison (comfy-table keeps them private).
impl IntoCell for comfy_table::Cell {
    fn into_cell(self) -> Cell {
        use comfy_table::{Attribute as A, Color as C};
        let text = self.content();
        let colours = [
            (None, None),
            (Some(C::Red), Some(Color::Red)),
            (Some(C::Green), Some(Color::Green)),
            (Some(C::Yellow), Some(Color::Yellow)),
            (Some(C::Cyan), Some(Color::Cyan)),
            (Some(C::Magenta), Some(Color::Magenta)),
            (Some(C::Blue), Some(Color::Blue)),
            (Some(C::DarkGrey), Some(Color::DarkGrey)),
            (Some(C::Grey), Some(Color::Grey)),
        ];
        let weights: [&[(A, Attribute)]; 3] = [
            &[],
            &[(A::Bold, Attribute::Bold)],
            &[(A::Dim, Attribute::Dim)],
        ];
        for (cf, of) in colours {
            for w in weights {
                let mut probe = comfy_table::Cell::new(&text);
                if let Some(c) = cf {
                    probe = probe.fg(c);
                }
                for (a, _) in w {
                    probe = probe.add_attribute(*a);
                }
                if probe == self {
                    let mut cell = Cell::new(&text);
                    cell.fg = of;
                    cell.attrs = w.iter().map(|(_, b)| *b).collect();
                    return cell;
                }
            }
        }
        Cell::new(text)
    }
}

/// Columns a table may take, from the output it goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// `None`: unlimited (a pipe, a file, `--wide`).
    pub width: Option<usize>,
    pub color: bool,
}

/// A table being built: `set_header`, `add_row`, then `Display`.
#[derive(Debug, Clone)]
pub struct Table {
    header: Option<Vec<Cell>>,
    rows: Vec<Vec<Cell>>,
    kinds: Vec<Option<Kind>>,
    fit: Fit,
}

/// Headers whose columns are free text unless declared otherwise.
const TEXT_HEADERS: &[&str] = &["summary", "note", "hint"];

/// Headers whose columns someone must read whole (why a check failed): wrapped, never cut.
const WRAP_HEADERS: &[&str] = &[
    "message",
    "error",
    "detail",
    "details",
    "description",
    "reason",
    "problem",
];

const GAP: usize = 2;
const FOLD_INDENT: usize = 4;
/// The narrowest a free-text column is cut to before the row folds.
const TEXT_FLOOR: usize = 12;
/// Free text squeezed below this next to tokens goes on its own line at full width instead.
const READABLE: usize = 30;
/// A token column gives way to its widest cells when at most one row in this many (and at
/// least one row) holds them; more, and every row folds alike instead.
const SPILL_SHARE: usize = 4;
/// Said under a table where a token was cut from its middle to fit the terminal.
pub const CUT_NOTE: &str = "(… inside a key or id: cut to fit; --wide shows it whole)";

/// What fitting knows of a table's cells: each column's kind, the width of its cell in each
/// row, its header's width and its header's widest word.
struct Shape {
    kinds: Vec<Kind>,
    rows: Vec<Vec<usize>>,
    head: Vec<usize>,
    head_min: Vec<usize>,
    /// The widths of each header's words, to count its lines at a width.
    head_words: Vec<Vec<usize>>,
}

/// The lines a header of words this wide takes at `width`, wrapped at its spaces.
fn head_lines(words: &[usize], width: usize) -> usize {
    let mut lines = 1;
    let mut line = 0;
    for &w in words {
        if line == 0 {
            line = w;
        } else if line + 1 + w <= width {
            line += 1 + w;
        } else {
            lines += 1;
            line = w;
        }
    }
    lines
}

impl Table {
    pub fn new(fit: Fit) -> Table {
        Table {
            header: None,
            rows: Vec::new(),
            kinds: Vec::new(),
            fit,
        }
    }

    pub fn set_header<I>(&mut self, cells: I) -> &mut Table
    where
        I: IntoIterator,
        I::Item: IntoCell,
    {
        self.header = Some(cells.into_iter().map(IntoCell::into_cell).collect());
        self
    }

    pub fn add_row<I>(&mut self, cells: I) -> &mut Table
    where
        I: IntoIterator,
        I::Item: IntoCell,
    {
        self.rows
            .push(cells.into_iter().map(IntoCell::into_cell).collect());
        self
    }

    /// Declares what column `col` holds (see [`Kind`]); undeclared columns are tokens, except
    /// ones headed like free text (`message`, `summary`, `error`, ...).
    pub fn set_kind(&mut self, col: usize, kind: Kind) -> &mut Table {
        if self.kinds.len() <= col {
            self.kinds.resize(col + 1, None);
        }
        self.kinds[col] = Some(kind);
        self
    }

    /// Declares every column's kind at once, in order.
    pub fn set_kinds(&mut self, kinds: &[Kind]) -> &mut Table {
        for (i, k) in kinds.iter().enumerate() {
            self.set_kind(i, *k);
        }
        self
    }

    /// Kept for code written against comfy-table: styling follows `--color` already.
    pub fn enforce_styling(&mut self) -> &mut Table {
        self
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn ncols(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain(self.header.iter().map(Vec::len))
            .max()
            .unwrap_or(0)
    }

    fn kind(&self, col: usize) -> Kind {
        if let Some(Some(k)) = self.kinds.get(col) {
            return *k;
        }
        let head = self
            .header
            .as_ref()
            .and_then(|h| h.get(col))
            .map(|c| strip(c.content()).trim().to_ascii_lowercase())
            .unwrap_or_default();
        let named = |list: &[&str]| {
            list.iter()
                .any(|t| head == *t || head.ends_with(&format!(" {t}")))
        };
        if named(WRAP_HEADERS) {
            Kind::Wrap
        } else if named(TEXT_HEADERS) {
            Kind::Text
        } else {
            Kind::Token
        }
    }

    /// The lines of the table, without line ends.
    pub fn lines(&self) -> Vec<String> {
        let n = self.ncols();
        if n == 0 {
            return Vec::new();
        }
        let prep = |c: &Cell| -> Vec<String> {
            let t = if self.fit.color || !c.text.contains('\x1b') {
                Cow::Borrowed(c.text.as_str())
            } else {
                Cow::Owned(strip(&c.text))
            };
            t.split('\n').map(str::to_string).collect()
        };
        let all: Vec<(&[Cell], Vec<Vec<String>>)> = self
            .header
            .iter()
            .chain(self.rows.iter())
            .map(|r| (r.as_slice(), r.iter().map(prep).collect()))
            .collect();
        let has_header = self.header.is_some();
        let cell_width = |cells: &Vec<Vec<String>>, i: usize| -> usize {
            cells.get(i).map_or(0, |ls| {
                ls.iter().map(|l| width::width(l)).max().unwrap_or(0)
            })
        };
        let kinds: Vec<Kind> = (0..n).map(|i| self.kind(i)).collect();
        let body = &all[usize::from(has_header)..];
        let mut shape = Shape {
            kinds: kinds.clone(),
            rows: (0..n)
                .map(|i| body.iter().map(|(_, c)| cell_width(c, i)).collect())
                .collect(),
            head: vec![0; n],
            head_min: vec![0; n],
            head_words: vec![Vec::new(); n],
        };
        if has_header {
            let cells = &all[0].1;
            for i in 0..n {
                shape.head[i] = cell_width(cells, i);
                // A header may wrap at its spaces (`oldest` over `pending`), never in a word.
                shape.head_words[i] = cells.get(i).map_or(Vec::new(), |ls| {
                    ls.iter()
                        .flat_map(|l| l.split(' '))
                        .map(width::width)
                        .collect()
                });
                shape.head_min[i] = shape.head_words[i].iter().copied().max().unwrap_or(0);
            }
        }
        let mut natural = vec![0usize; n];
        let mut floor = vec![0usize; n];
        for i in 0..n {
            natural[i] = shape.rows[i]
                .iter()
                .copied()
                .chain([shape.head[i]])
                .max()
                .unwrap_or(0);
            floor[i] = match kinds[i] {
                Kind::Token => natural[i],
                Kind::Text | Kind::Wrap => natural[i].min(TEXT_FLOOR.max(shape.head[i])),
            };
        }
        let mut widths = self.fitted(&natural, &floor, &[], &shape);
        // Free text the tokens would squeeze below a readable width leaves the line: it goes
        // on its own continuation line at full width (wrapped or cut there), so tokens never
        // drive it to a stub.
        // Cut text beside the tokens also leaves when its own line holds half as much again: a
        // wider terminal never shows less of an error than a narrower one (review-21 F6).
        let starved: Vec<usize> = match self.fit.width {
            Some(limit) => (0..n)
                .filter(|&i| {
                    let own = limit.saturating_sub(FOLD_INDENT);
                    kinds[i] != Kind::Token
                        && widths[i] < natural[i]
                        && (widths[i] < READABLE
                            || (kinds[i] == Kind::Text && 2 * own >= 3 * widths[i]))
                })
                .collect(),
            None => Vec::new(),
        };
        if !starved.is_empty() {
            let mut nat = natural.clone();
            let mut fl = floor.clone();
            for &i in &starved {
                nat[i] = 0;
                fl[i] = 0;
            }
            widths = self.fitted(&nat, &fl, &starved, &shape);
        }
        if let Some(limit) = self.fit.width {
            // A token wider than the whole line is cut to it (below), so it lays out as such.
            for i in 0..n {
                if kinds[i] == Kind::Token {
                    widths[i] = widths[i].min(limit);
                }
            }
        }
        let mut groups = self.groups(&widths, &starved);
        if groups.len() > 1 {
            self.widen(&mut widths, &natural, &kinds, &groups);
        }
        if let Some(limit) = self.fit.width {
            for &i in &starved {
                widths[i] = natural[i].min(limit.saturating_sub(FOLD_INDENT).max(1));
                groups.push(vec![i]);
            }
        }
        let mut out = Vec::new();
        let mut cut = false;
        for (r, (cells_style, cells)) in all.iter().enumerate() {
            let header_row = has_header && r == 0;
            for (g, cols) in groups.iter().enumerate() {
                // Each cell's physical lines at its column's width.
                let laid: Vec<Vec<Cow<'_, str>>> = cols
                    .iter()
                    .map(|&i| {
                        let w = widths[i];
                        let lines: &[String] = cells.get(i).map_or(&[], Vec::as_slice);
                        match kinds[i] {
                            Kind::Wrap => lines
                                .iter()
                                .flat_map(|l| wrap(l, w))
                                .map(Cow::Owned)
                                .collect(),
                            // What `truncate` does, without a copy of a line that fits.
                            Kind::Text => lines
                                .iter()
                                .map(|l| {
                                    if width::width(l) <= w {
                                        closed_cow(l)
                                    } else {
                                        Cow::Owned(truncate(l, w))
                                    }
                                })
                                .collect(),
                            // A header narrowed below its width wraps at its spaces.
                            Kind::Token if header_row => lines
                                .iter()
                                .flat_map(|l| wrap(l, w))
                                .map(Cow::Owned)
                                .collect(),
                            Kind::Token => lines.iter().map(|l| closed_cow(l)).collect(),
                        }
                    })
                    .collect();
                let indent = if g > 0 { FOLD_INDENT } else { 0 };
                let mut starts = Vec::with_capacity(cols.len());
                let mut at = indent;
                for &i in cols {
                    starts.push(at);
                    at += widths[i] + GAP;
                }
                let height = laid.iter().map(Vec::len).max().unwrap_or(0);
                for k in 0..height {
                    // Written in place, a cell's style looked up only when it is shown: the
                    // copies and small strings here were most of a long table's cost.
                    let mut line = String::new();
                    let mut pos = 0;
                    for (j, &i) in cols.iter().enumerate() {
                        let mut text = laid[j].get(k).map_or("", |t| t.as_ref()).to_string();
                        if text.is_empty() {
                            continue;
                        }
                        let tw = width::width(&text);
                        let right = tw <= widths[i]
                            && cells_style.get(i).is_some_and(|c| c.align == Align::Right);
                        let target = if right {
                            starts[j] + widths[i] - tw
                        } else {
                            starts[j]
                        };
                        // A cell wider than its column (the one long key of a table) spills
                        // into the room after it; what it would run into continues on the
                        // next line, each cell under its column. Only this row takes more lines.
                        if pos > 0 && pos + GAP > target {
                            out.push(std::mem::take(&mut line));
                            pos = 0;
                        }
                        if let Some(limit) = self.fit.width
                            && kinds[i] == Kind::Token
                            && target + tw > limit
                        {
                            // Wider than what is left of the line: its middle gives way, never
                            // a character of the token is moved to another line.
                            text = width::cut_middle(&text, limit.saturating_sub(target).max(1));
                            cut = true;
                        }
                        let styled = match cells_style.get(i).and_then(Cell::style) {
                            Some(s) if self.fit.color => format!("{s}{text}\x1b[0m"),
                            _ => text.clone(),
                        };
                        push_spaces(&mut line, target.saturating_sub(pos));
                        line.push_str(&styled);
                        pos = target.max(pos) + width::width(&text);
                    }
                    let trimmed = line.trim_end().len();
                    line.truncate(trimmed);
                    // A continuation line with nothing on it (an empty threshold) is noise.
                    if g > 0 && line.is_empty() {
                        continue;
                    }
                    out.push(line);
                }
            }
        }
        if cut {
            out.push(CUT_NOTE.to_string());
        }
        out
    }

    /// Column widths within the limit: free text shrinks, the widest first, to its floor; then
    /// a token column gives way to its widest cells when few rows hold them (one long key), so
    /// only those rows spill over while the rest stay on one line each. When that cannot fit
    /// the line, tokens keep their widths and the rows fold (see `groups`).
    fn fitted(
        &self,
        natural: &[usize],
        floor: &[usize],
        skip: &[usize],
        shape: &Shape,
    ) -> Vec<usize> {
        let mut w = natural.to_vec();
        let Some(limit) = self.fit.width else {
            return w;
        };
        let shown = w.len() - skip.len().min(w.len());
        let total = |w: &[usize]| w.iter().sum::<usize>() + GAP * shown.saturating_sub(1);
        while total(&w) > limit {
            let widest = (0..w.len())
                .filter(|&i| w[i] > floor[i])
                .max_by_key(|&i| (w[i], std::cmp::Reverse(i)));
            match widest {
                Some(i) => w[i] -= 1,
                None => break,
            }
        }
        if total(&w) <= limit {
            return w;
        }
        let before = w.clone();
        let nrows = shape.rows.first().map_or(0, Vec::len);
        let budget = (nrows / SPILL_SHARE).max(1);
        // The column each spilled row gives way in: one per row, so the rest of that row still
        // lies within its columns on the next line.
        let mut spilled: Vec<Option<usize>> = vec![None; nrows];
        let mut nspilled = 0;
        while total(&w) > limit {
            // The header's height now: a header wrapped within it costs no line.
            let head_h = (0..w.len())
                .map(|i| head_lines(&shape.head_words[i], w[i]))
                .max()
                .unwrap_or(1);
            // The step that spills the fewest rows, the biggest gain among equals.
            let mut best: Option<(usize, std::cmp::Reverse<usize>, usize, usize)> = None;
            for i in 0..w.len() {
                if shape.kinds[i] != Kind::Token || skip.contains(&i) {
                    continue;
                }
                let next = shape.rows[i]
                    .iter()
                    .copied()
                    .chain([shape.head[i], shape.head_min[i]])
                    .filter(|&x| x < w[i] && x >= shape.head_min[i])
                    .max();
                let Some(next) = next else { continue };
                let over = |r: &usize| shape.rows[i][*r] > next;
                // A spilled cell must fit from its column to the line's end, unless no layout
                // could show it whole (it is cut from its middle either way).
                let start: usize = (0..i)
                    .filter(|j| !skip.contains(j))
                    .map(|j| w[j] + GAP)
                    .sum();
                let fits = |r: usize| {
                    let c = shape.rows[i][r];
                    start + c <= limit || c > limit.saturating_sub(FOLD_INDENT)
                };
                if (0..nrows)
                    .filter(over)
                    .any(|r| spilled[r].is_some_and(|c| c != i) || !fits(r))
                {
                    continue;
                }
                let cost = (0..nrows)
                    .filter(|r| over(r) && spilled[*r].is_none())
                    .count();
                if nspilled + cost > budget {
                    continue;
                }
                // A header wrapped onto a line more than the header has costs a line, as a
                // spilled row does; wrapped within the lines another header already takes, it
                // costs none (verify-25: a row spilled rather than `p90 µs` over two lines).
                let wraps = head_lines(&shape.head_words[i], next).saturating_sub(head_h);
                let key = (cost + wraps, std::cmp::Reverse(w[i] - next), i, next);
                if best.is_none_or(|b| (key.0, key.1) < (b.0, b.1)) {
                    best = Some(key);
                }
            }
            let Some((_, _, i, next)) = best else {
                break;
            };
            for (r, s) in spilled.iter_mut().enumerate() {
                if s.is_none() && shape.rows[i][r] > next {
                    *s = Some(i);
                    nspilled += 1;
                }
            }
            w[i] = next;
        }
        if total(&w) > limit {
            return before;
        }
        // Room the last step freed beyond the need: free text takes it first.
        let mut slack = limit - total(&w);
        for i in 0..w.len() {
            if shape.kinds[i] != Kind::Token && !skip.contains(&i) {
                let more = natural[i].saturating_sub(w[i]).min(slack);
                w[i] += more;
                slack -= more;
            }
        }
        // A header wrapped on the way whole again where the room allows.
        for ((wi, kind), head) in w.iter_mut().zip(&shape.kinds).zip(&shape.head) {
            if *kind == Kind::Token && *wi < *head && head - *wi <= slack {
                slack -= head - *wi;
                *wi = *head;
            }
        }
        w
    }

    /// After a fold, free text takes back the room its line has left.
    fn widen(&self, w: &mut [usize], natural: &[usize], kinds: &[Kind], groups: &[Vec<usize>]) {
        let Some(limit) = self.fit.width else {
            return;
        };
        for (g, cols) in groups.iter().enumerate() {
            let indent = if g == 0 { 0 } else { FOLD_INDENT };
            let used = indent
                + cols.iter().map(|&i| w[i]).sum::<usize>()
                + GAP * cols.len().saturating_sub(1);
            let mut slack = limit.saturating_sub(used);
            for &i in cols {
                if kinds[i] != Kind::Token && slack > 0 {
                    let more = natural[i].saturating_sub(w[i]).min(slack);
                    w[i] += more;
                    slack -= more;
                }
            }
        }
    }

    /// Columns per line: all on one when they fit, else packed greedily onto indented
    /// continuation lines. `skip` columns are laid out by the caller on lines of their own.
    fn groups(&self, w: &[usize], skip: &[usize]) -> Vec<Vec<usize>> {
        let cols: Vec<usize> = (0..w.len()).filter(|i| !skip.contains(i)).collect();
        let Some(limit) = self.fit.width else {
            return vec![cols];
        };
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut cur: Vec<usize> = Vec::new();
        let mut used = 0;
        for i in cols {
            let indent = if groups.is_empty() { 0 } else { FOLD_INDENT };
            let need = if cur.is_empty() {
                indent + w[i]
            } else {
                used + GAP + w[i]
            };
            if !cur.is_empty() && need > limit {
                groups.push(std::mem::take(&mut cur));
                used = FOLD_INDENT + w[i];
            } else {
                used = need;
            }
            cur.push(i);
        }
        if !cur.is_empty() || groups.is_empty() {
            groups.push(cur);
        }
        groups
    }
}

fn push_spaces(line: &mut String, mut n: usize) {
    const SPACES: &str = "                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        line.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// `closed`, without a copy of the (usual) line that leaves nothing open.
fn closed_cow(l: &str) -> Cow<'_, str> {
    if leaves_open(l) {
        Cow::Owned(closed(l))
    } else {
        Cow::Borrowed(l)
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines = self.lines();
        f.write_str(&lines.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::width::{leaves_open, width as w};

    fn fit(width: Option<usize>, color: bool) -> Fit {
        Fit { width, color }
    }

    #[test]
    fn columns_align_by_display_width_with_escapes_and_cjk() {
        let mut t = Table::new(fit(None, true));
        t.set_header(["state", "started"]);
        t.add_row(["\x1b[1;31mstuck\x1b[0m", "19:40:40"]);
        t.add_row(["running", "19:40:41"]);
        t.add_row(["正在", "19:40:42"]);
        let lines = t.lines();
        let col = |l: &str| {
            let s = strip(l);
            w(&s[..s.find("19:").unwrap()])
        };
        assert_eq!(col(&lines[1]), col(&lines[2]));
        assert_eq!(col(&lines[2]), col(&lines[3]));
        assert_eq!(lines[0], "state    started");
    }

    /// Once one header takes two lines, others wrap within them for free: a row is not spilled
    /// onto a continuation line to spare a header line the table already has (verify-25).
    #[test]
    fn headers_wrap_within_the_lines_one_already_takes_before_a_row_spills() {
        let mut t = Table::new(fit(Some(80), false));
        t.set_header([
            "workload",
            "ops",
            "ops/s",
            "p50 µs",
            "p90 µs",
            "p99 µs",
            "p99.9 µs",
            "max µs",
            "spread ops/p99",
            "p99 µs median",
        ]);
        t.add_row([
            "set",
            "373022",
            "122878",
            "378",
            "474",
            "703",
            "1261",
            "3379",
            "0.6%/0.9%",
            "705",
        ]);
        let lines = t.lines();
        assert_eq!(lines.len(), 3, "two header lines and the row: {lines:#?}");
        assert!(
            lines[2].starts_with("set ") && lines[2].ends_with(" 705"),
            "{lines:#?}"
        );
        assert!(lines.iter().all(|l| w(l) <= 80), "{lines:#?}");
    }

    #[test]
    fn piped_output_has_no_colour_and_no_trailing_spaces() {
        let mut t = Table::new(fit(None, false));
        t.set_header(["a", "long header"]);
        t.add_row([Cell::new("x").fg(Color::Red), Cell::new("")]);
        t.add_row(["\x1b[31mred\x1b[0m", "y"]);
        let text = t.to_string();
        assert!(!text.contains('\x1b'), "{text:?}");
        for l in text.lines() {
            assert_eq!(l, l.trim_end());
        }
        assert_eq!(text, "a    long header\nx\nred  y");
    }

    #[test]
    fn free_text_is_cut_by_display_width_first_and_tokens_stay_whole() {
        let mut t = Table::new(fit(Some(40), true));
        t.set_header(["job", "summary"]);
        let long = "正在分析图片".repeat(10);
        t.add_row([Cell::new("job_events:1229"), Cell::new(&long)]);
        t.add_row([
            Cell::new("7"),
            Cell::new("\x1b[31mred red red red red red red red red\x1b[0m"),
        ]);
        for l in t.lines() {
            assert!(w(&l) <= 40, "{l:?} is {} wide", w(&l));
            assert!(!leaves_open(&l), "{l:?}");
        }
        assert!(t.to_string().contains("job_events:1229"));
        assert!(t.to_string().contains('…'));
    }

    #[test]
    fn rows_fold_between_cells_never_inside_a_token() {
        let mut t = Table::new(fit(Some(30), true));
        t.set_header(["stream", "length", "last id"]);
        t.add_row(["job_events:1229", "128077", "1796156335574-0"]);
        let lines = t.lines();
        for l in &lines {
            assert!(w(l) <= 30, "{l:?}");
        }
        let text = lines.join("\n");
        for token in ["job_events:1229", "128077", "1796156335574-0"] {
            assert!(
                text.lines().any(|l| l.contains(token)),
                "{token} split: {text}"
            );
        }
        assert!(lines.len() > 2, "folded: {text}");
        assert!(
            lines[1].starts_with("    "),
            "continuation indented: {text}"
        );
    }

    /// Review-21 F6, F7: one key wider than the terminal among short ones. Its row alone
    /// takes a second line, the key cut from its middle (never a character of it moved to
    /// another line) with a note pointing to --wide; every other row stays on one line.
    #[test]
    fn one_long_key_spills_its_own_row_and_is_cut_from_the_middle() {
        let long = "job_events:tenant-acme-corporation-enterprise-division-document-generation-pipeline-42";
        let head = [
            "stream",
            "length",
            "groups",
            "first (UTC)",
            "last",
            "last id",
        ];
        let row = |key: &str| {
            [key, "2", "0", "12:08:38", "12:08:38", "1796156335574-0"].map(String::from)
        };
        let mut t = Table::new(fit(Some(80), true));
        t.set_header(head);
        for k in 0..7 {
            t.add_row(row(&format!("job_events:{}", 1229 + k)));
        }
        t.add_row(row(long));
        let lines = t.lines();
        for l in &lines {
            assert!(w(l) <= 80, "{l:?} is {} wide", w(l));
            assert!(!leaves_open(l), "{l:?}");
        }
        // Header, 7 short rows, the long key's 2 lines, the note.
        assert_eq!(lines.len(), 11, "{lines:#?}");
        for k in 0..7 {
            let key = format!("job_events:{}", 1229 + k);
            let line = &lines[1 + k];
            assert!(
                line.starts_with(&key) && line.contains("1796156335574-0"),
                "{line}"
            );
        }
        let cut = &lines[8];
        assert!(cut.starts_with("job_events:tenant-acme") && cut.ends_with("pipeline-42"));
        assert!(cut.contains('…') && w(cut) == 80, "{cut}");
        // The rest of its row, each cell under its column.
        let at = |l: &str, s: &str| w(&l[..l.find(s).unwrap()]);
        assert_eq!(
            at(&lines[9], "1796156335574-0"),
            at(&lines[1], "1796156335574-0")
        );
        assert_eq!(lines[10], CUT_NOTE);
        // Piped or --wide: whole, no note.
        let mut t = Table::new(fit(None, false));
        t.set_header(head);
        t.add_row(row(long));
        assert!(t.lines()[1].starts_with(long) && t.lines().len() == 2);
    }

    /// No token is ever broken, also where every row folds: a key wider than the line is cut
    /// from its middle to the line.
    #[test]
    fn a_token_wider_than_the_line_is_cut_never_broken() {
        let key =
            "tenant:very-long-tenant-name-for-an-enterprise-customer-acme-corporation:cfg:16966";
        let mut t = Table::new(fit(Some(60), false));
        t.set_header(["key", "type", "memory"]);
        for k in 0..4 {
            t.add_row([format!("{key}{k}"), "hash".into(), "1.2 MiB".to_string()]);
        }
        let lines = t.lines();
        for l in &lines {
            assert!(w(l) <= 60, "{l:?}");
        }
        let keys: Vec<&String> = lines.iter().filter(|l| l.starts_with("tenant:")).collect();
        assert_eq!(keys.len(), 4, "{lines:#?}");
        for (k, l) in keys.iter().enumerate() {
            assert!(l.contains('…') && l.ends_with(&format!("16966{k}")), "{l}");
        }
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with("  ") || !l.trim().starts_with("66"))
        );
        assert_eq!(lines.last().unwrap(), CUT_NOTE);
    }

    /// Review-21 F7 at 120 columns: a header one column too wide wraps at its space rather
    /// than folding a lone `-` of every row onto a line of its own.
    #[test]
    fn a_header_wider_than_its_cells_wraps_at_its_space() {
        // One column short of the 42 the header asks for.
        let mut t = Table::new(fit(Some(36), false));
        t.set_header(["stream", "group lag", "oldest pending"]);
        t.add_row(["job_events:1229", "5s", "-"]);
        t.add_row(["job_events:1230", "-", "-"]);
        let lines = t.lines();
        assert_eq!(
            lines,
            [
                "stream           group lag  oldest",
                "                            pending",
                "job_events:1229  5s         -",
                "job_events:1230  -          -",
            ],
            "{lines:#?}"
        );
    }

    #[test]
    fn wrap_columns_keep_every_word() {
        let mut t = Table::new(fit(Some(30), false));
        t.set_kinds(&[Kind::Token, Kind::Wrap]);
        let err = "retries exhausted (3 attempts): upstream timeout after 30s";
        t.add_row(["error", err]);
        let lines = t.lines();
        assert!(lines.len() > 1);
        let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
        assert_eq!(words[1..].join(" "), err);
        for l in &lines {
            assert!(w(l) <= 30, "{l:?}");
        }
    }

    #[test]
    fn styles_are_applied_after_layout_and_closed() {
        let mut t = Table::new(fit(Some(20), true));
        t.set_header(["v", "summary"]);
        t.add_row([
            Cell::new("CRITICAL")
                .fg(Color::Red)
                .add_attribute(Attribute::Bold),
            Cell::new("a message much longer than the terminal"),
        ]);
        let lines = t.lines();
        // 8 + 2 + the floor of 12 is wider than 20: the summary folds onto its own line,
        // where it takes the whole width left.
        assert_eq!(lines[2], "\x1b[1;91mCRITICAL\x1b[0m", "{lines:?}");
        assert_eq!(lines[3], "    a message much…");
        for l in &lines {
            assert!(w(l) <= 20 && !leaves_open(l), "{l:?}");
        }
    }

    #[test]
    fn comfy_cells_keep_their_colour() {
        let c = comfy_table::Cell::new("WARN")
            .fg(comfy_table::Color::Yellow)
            .add_attribute(comfy_table::Attribute::Bold)
            .into_cell();
        assert_eq!(c.fg, Some(Color::Yellow));
        assert_eq!(c.attrs, vec![Attribute::Bold]);
        assert_eq!(comfy_table::Cell::new(5).into_cell().content(), "5");
    }

    /// Health's table: a wide threshold token must not squeeze the message to a stub; the
    /// message goes under the check at full width and is wrapped whole.
    #[test]
    fn messages_fold_under_the_row_at_full_width_never_cut() {
        let msg = "connected, answered PING in 0.2 ms; no previous sample in the state file, rates start on the next run";
        for limit in [80, 120] {
            let mut t = Table::new(fit(Some(limit), false));
            t.set_header(["  check", "status", "value", "threshold", "message"]);
            t.add_row([
                "  ping",
                "OK",
                "0.2 ms",
                "warn > 100 ms, crit > 500 ms, over 3 samples",
                msg,
            ]);
            t.add_row([
                "  rejected_connections",
                "WARNING",
                "12",
                "warn > 0",
                "no previous sample",
            ]);
            let lines = t.lines();
            for l in &lines {
                assert!(w(l) <= limit, "{limit}: {l:?}");
                assert!(!l.contains('…'), "{limit}: cut: {lines:#?}");
            }
            let joined = lines
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(joined.contains(msg), "{limit}: {lines:#?}");
            assert!(joined.contains("no previous sample"), "{limit}: {lines:#?}");
        }
    }

    /// A summary cut beside the tokens at 120 columns goes on its own line, where it shows
    /// more than at 80; with room beside the tokens to spare it stays there.
    #[test]
    fn cut_text_takes_its_own_line_where_that_shows_half_as_much_again() {
        let err = "retries exhausted (3 attempts): upstream model endpoint answered 503 Service Unavailable after 30s; giving up on chapter 7 of 12";
        // One failed job's row, its summary the free text, at `limit` columns.
        let failed = |limit: usize, summary: &str| {
            let mut t = Table::new(fit(Some(limit), false));
            t.set_header([
                "job",
                "state",
                "started (UTC)",
                "last event",
                "age",
                "duration",
                "summary",
            ]);
            t.add_row([
                "1230",
                "failed",
                "14:05:20",
                "task_failed",
                "47m ago",
                "1s",
                summary,
            ]);
            t
        };
        let shown = |limit: usize| {
            let lines = failed(limit, err).lines();
            for l in &lines {
                assert!(w(l) <= limit, "{limit}: {l:?}");
            }
            let cut = lines.iter().find(|l| l.contains("retries")).unwrap();
            w(cut.trim_start())
        };
        let (at80, at120) = (shown(80), shown(120));
        assert!(at120 > at80, "120 columns show {at120}, 80 show {at80}");
        assert_eq!(at120, 116);
        // Beside the tokens with 139 of 200 columns: more than two thirds of its own line.
        let t = failed(200, &err.repeat(2));
        assert_eq!(t.lines().len(), 2, "{:#?}", t.lines());
    }

    #[test]
    fn emoji_take_two_columns() {
        let mut t = Table::new(fit(None, false));
        t.add_row(["🚀", "x"]);
        t.add_row(["ab", "y"]);
        assert_eq!(t.to_string(), "🚀  x\nab  y");
    }
}
