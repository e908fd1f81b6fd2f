//! The two text rules every iCalendar line obeys (RFC 5545 §3.1 and §3.3.11): TEXT values escape
//! `\` `;` `,` and newlines, and a content line longer than 75 octets is folded onto lines that
//! begin with one space, never inside a UTF-8 character.

/// Longest content line in octets, without its CRLF.
pub const LINE_OCTETS: usize = 75;

/// Appends `value` escaped as an iCalendar TEXT value. Control characters other than a newline
/// are dropped (RFC 5545 forbids them); `\r\n` and a lone `\r` become one `\n`.
pub fn push_escaped(out: &mut String, value: &str) {
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// `value` escaped as an iCalendar TEXT value.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    push_escaped(&mut out, value);
    out
}

/// Appends a parameter value (such as a `CN`) in double quotes; a double quote cannot be written
/// inside one, so it is dropped, as are control characters.
pub fn push_param(out: &mut String, value: &str) {
    out.push('"');
    out.extend(value.chars().filter(|c| *c != '"' && !c.is_control()));
    out.push('"');
}

/// Appends the logical `line` folded at 75 octets, each physical line ending in CRLF.
pub fn push_folded(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // A continuation line's leading space counts towards its 75 octets.
        limit = LINE_OCTETS - 1;
    }
}

/// The text of an escaped TEXT value read back: the inverse of [`escape`].
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut out = String::new();
        push_folded(&mut out, line);
        out
    }

    #[test]
    fn escapes_the_four_special_characters() {
        assert_eq!(escape("a,b;c\\d\ne\r\nf\rg"), "a\\,b\\;c\\\\d\\ne\\nf\\ng");
        assert_eq!(escape("bell\u{7}\ttab"), "bell tab");
        assert_eq!(unescape(&escape("a,b;c\\d\ne")), "a,b;c\\d\ne");
    }

    #[test]
    fn short_lines_are_not_folded() {
        let line = "x".repeat(75);
        assert_eq!(folded(&line), format!("{line}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let line = "x".repeat(200);
        let out = folded(&line);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0].len(), 75);
        assert!(lines[1..]
            .iter()
            .all(|l| l.starts_with(' ') && l.len() <= 75));
        let unfolded: String = out.replace("\r\n ", "").replace("\r\n", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn folding_never_splits_a_character() {
        // Cyrillic letters are two octets, the emoji four: no cut may land inside either.
        let line = format!("SUMMARY:{}", "Консультация 🙂 ".repeat(20));
        let out = folded(&line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded: String = out.replace("\r\n ", "").replace("\r\n", "");
        assert_eq!(unfolded, line);
    }
}
