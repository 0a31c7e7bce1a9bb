//! How search compares text: one rule for what is stored in the search
//! index and for what is typed into a search box, so the two always agree.
//!
//! Case never matters, in any script. Latin letters lose their accents, so
//! "Siobhan" finds "Siobhán" and "Lukasz" finds "Łukasz" (people type names
//! on keyboards without the letters). Every other script is kept as typed:
//! an accent-like mark in Devanagari, Bengali or Arabic is part of the
//! letter, and taking it off would make different names match.

use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

/// `text` as search compares it: lower case, Latin letters without their
/// accents, everything else as typed (in its composed form).
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    // Whether the last letter kept was Latin: a combining mark after it is
    // its accent (in decomposed text), after any other letter part of it.
    let mut after_latin = false;
    for c in text.nfd() {
        match c.script() {
            Script::Latin => {
                after_latin = true;
                if c.is_ascii() {
                    folded.push(c.to_ascii_lowercase());
                } else {
                    // A Latin letter with no decomposition (ł, ø, ß, æ, ı):
                    // its plain spelling.
                    folded.extend(
                        deunicode::deunicode_char(c)
                            .unwrap_or("")
                            .chars()
                            .map(|p| p.to_ascii_lowercase()),
                    );
                }
            }
            Script::Inherited if after_latin => {}
            // Final sigma is the same letter as sigma (Unicode case folding).
            _ if c == 'ς' => {
                after_latin = false;
                folded.push('σ');
            }
            _ => {
                after_latin = false;
                folded.extend(c.to_lowercase());
            }
        }
    }
    folded.nfc().collect()
}

/// The terms of a query, folded: each must appear somewhere in a text for
/// it to match, in any order.
pub fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_letters_lose_case_and_accents() {
        assert_eq!(fold("Siobhán Ó Briain"), "siobhan o briain");
        assert_eq!(fold("Łukasz Wójcik"), "lukasz wojcik");
        assert_eq!(
            fold("Straße, Søren, Æthelred, İpek"),
            "strasse, soren, aethelred, ipek"
        );
        // Typed decomposed (a + combining acute) or composed: the same.
        assert_eq!(fold("Sio\u{0062}ha\u{0301}n"), fold("Siobhán"));
    }

    #[test]
    fn other_scripts_keep_their_marks_and_lose_only_case() {
        for name in [
            "ਹਰਪ੍ਰੀਤ ਕੌਰ",
            "فاطمة الزهراء",
            "নুসরাত জাহান",
            "प्रिया शर्मा",
            "王小明",
            "علی رضا",
        ] {
            assert_eq!(fold(name), name.nfc().collect::<String>(), "{name}");
        }
        assert_eq!(fold("ΟΔΥΣΣΕΑΣ"), fold("οδυσσεας"));
        assert_eq!(fold("ЖЕНЯ"), "женя");
    }

    #[test]
    fn a_query_is_its_folded_words() {
        assert_eq!(terms("  Stop  AND Séarch "), ["stop", "and", "search"]);
        assert!(terms("   ").is_empty());
    }
}
