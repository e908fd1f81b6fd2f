//! The form a name is searched in: a coordinator types "Олена", "Olena" or "Jelena" and finds
//! the person however the name was written down. Cyrillic (Ukrainian and Russian) is written in
//! Latin letters, Estonian spellings of those sounds (`tš`, `š`, `ž`, `j`) and the national
//! transliterations (`ch`, `sh`, `zh`, `y`) are folded to one form, and accents are dropped.

/// Latin letters for one lower-case Cyrillic letter (the Ukrainian national system for the
/// shared letters; `г` as in Ukrainian).
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ы' => "y",
        'і' | 'й' => "i",
        'ї' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "iu",
        'я' => "ia",
        'ь' | 'ъ' => "",
        _ => return None,
    })
}

/// One letter without its accent, Estonian and other Latin letters included.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'ä' | 'á' | 'à' | 'â' | 'å' => "a",
        'ö' | 'õ' | 'ó' | 'ò' | 'ô' => "o",
        'ü' | 'ú' | 'ù' | 'û' => "u",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'š' => "sh",
        'ž' => "zh",
        'č' => "ch",
        'ç' => "c",
        'ñ' => "n",
        'x' => "ks",
        'w' => "v",
        'y' | 'j' => "i",
        '\'' | '’' | 'ʼ' => "",
        _ => return None,
    })
}

/// The search form of `text`: lower case, Latin letters only, spellings folded.
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        match cyrillic(c) {
            Some(latin) => out.push_str(latin),
            None => out.push(c),
        }
    }
    // Estonian `tš` is the `ch` of the transliterations; `kh` is Estonian `h`.
    let out = out.replace("tš", "ch").replace("kh", "h");
    let mut folded = String::with_capacity(out.len());
    for c in out.chars() {
        match latin(c) {
            Some(s) => folded.push_str(s),
            None => folded.push(c),
        }
    }
    // `Jelena` and `Елена`, `Jevgeni` and `Евгений`: a leading `ie` is `e`.
    folded
        .split(' ')
        .map(|word| match word.strip_prefix("ie") {
            Some(rest) => format!("e{rest}"),
            None => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::search_key;

    fn same(a: &str, b: &str) {
        assert_eq!(search_key(a), search_key(b), "{a} / {b}");
    }

    #[test]
    fn cyrillic_and_latin_spellings_meet() {
        same("Олена Коваленко", "Olena Kovalenko");
        same("Юлія", "Yuliia");
        same("Юлія", "Julija");
        same("Шевченко", "Ševtšenko");
        same("Шевченко", "Shevchenko");
        same("Журавель", "Žuravel");
        same("Елена", "Jelena");
        same("Алексей", "Aleksei");
        same("Alexey", "Aleksei");
        same("Харків", "Harkiv");
        same("Mägi", "Magi");
    }

    #[test]
    fn digits_and_signs_stay() {
        assert_eq!(search_key("+372 5555 0101"), "+372 5555 0101");
        assert_eq!(search_key("a@b.ee"), "a@b.ee");
        assert_eq!(search_key("1990-02-03"), "1990-02-03");
    }

    #[test]
    fn part_of_a_name_is_part_of_its_key() {
        assert!(search_key("Олена Коваленко").contains(&search_key("Ковал")));
    }
}
