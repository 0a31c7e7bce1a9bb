//! Page content streams, written straight to bytes.
//!
//! printpdf builds a page from a list of operations, translates that into
//! lopdf's operations and lets lopdf format them: every glyph an operation of
//! its own, every number formatted through `std::fmt`, and three copies of a
//! 40-page document's drawing in memory on the way. That was over half the
//! time of writing the PDF. The renderer writes its operators here instead,
//! and leaves printpdf what it does well: subsetting and embedding the fonts.
//!
//! Invariant: every token is followed by whitespace, so any sequence of calls
//! gives a stream a PDF reader can tokenise. Numbers have at most three
//! decimals: a thousandth of a point (or of a thousandth of an em) is far
//! below what any printer or screen can show.

/// One page's content stream being written.
#[derive(Default)]
pub(super) struct ContentStream {
    bytes: Vec<u8>,
}

impl ContentStream {
    pub(super) fn new() -> Self {
        ContentStream {
            bytes: Vec::with_capacity(64 * 1024),
        }
    }

    pub(super) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// An operator, ending its line.
    pub(super) fn op(&mut self, op: &str) -> &mut Self {
        self.bytes.extend_from_slice(op.as_bytes());
        self.bytes.push(b'\n');
        self
    }

    /// A number, rounded to three decimals, trailing zeros dropped.
    pub(super) fn number(&mut self, value: f32) -> &mut Self {
        self.raw_number(value);
        self.bytes.push(b' ');
        self
    }

    /// Two numbers: a point.
    pub(super) fn point(&mut self, x: f32, y: f32) -> &mut Self {
        self.number(x).number(y)
    }

    pub(super) fn integer(&mut self, value: i64) -> &mut Self {
        if value < 0 {
            self.bytes.push(b'-');
        }
        self.digits(value.unsigned_abs());
        self.bytes.push(b' ');
        self
    }

    /// A name, `/` and its bytes, escaping those a name may not hold as is.
    pub(super) fn name(&mut self, name: &[u8]) -> &mut Self {
        self.bytes.push(b'/');
        for &b in name {
            let regular = b.is_ascii_graphic()
                && !matches!(
                    b,
                    b'#' | b'/' | b'%' | b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}'
                );
            if regular {
                self.bytes.push(b);
            } else {
                self.bytes.push(b'#');
                self.hex_byte(b);
            }
        }
        self.bytes.push(b' ');
        self
    }

    /// A text string in UTF-16BE with its byte order mark, in hex, as the
    /// PDF text-string rules require for text beyond Latin-1.
    pub(super) fn text_string(&mut self, text: &str) -> &mut Self {
        self.bytes.extend_from_slice(b"<FEFF");
        for unit in text.encode_utf16() {
            for b in unit.to_be_bytes() {
                self.hex_byte(b);
            }
        }
        self.bytes.extend_from_slice(b"> ");
        self
    }

    /// Literal bytes (`<<`, `>>`, `[`, `]`, a hex string's parts), as given.
    pub(super) fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.bytes.extend_from_slice(bytes);
        self
    }

    /// A two-byte glyph code inside a hex string.
    pub(super) fn code(&mut self, code: u16) -> &mut Self {
        for b in code.to_be_bytes() {
            self.hex_byte(b);
        }
        self
    }

    /// A number in a `TJ` array: no separator needed before a hex string.
    pub(super) fn adjustment(&mut self, value: f32) -> &mut Self {
        self.raw_number(value);
        self
    }

    fn raw_number(&mut self, value: f32) {
        let thousandths = (f64::from(value) * 1000.0).round();
        // Never NaN or infinite in a layout; 0 keeps the stream valid if so.
        let n = if thousandths.is_finite() {
            thousandths as i64
        } else {
            0
        };
        if n < 0 {
            self.bytes.push(b'-');
        }
        let n = n.unsigned_abs();
        self.digits(n / 1000);
        let fraction = n % 1000;
        if fraction != 0 {
            self.bytes.push(b'.');
            let digits = [fraction / 100, fraction / 10 % 10, fraction % 10];
            let used = if digits[2] != 0 {
                3
            } else if digits[1] != 0 {
                2
            } else {
                1
            };
            for d in &digits[..used] {
                self.bytes.push(b'0' + *d as u8);
            }
        }
    }

    fn digits(&mut self, mut n: u64) {
        let mut buffer = [0u8; 20];
        let mut i = buffer.len();
        loop {
            i -= 1;
            buffer[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.bytes.extend_from_slice(&buffer[i..]);
    }

    fn hex_byte(&mut self, b: u8) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.bytes.push(HEX[usize::from(b >> 4)]);
        self.bytes.push(HEX[usize::from(b & 0xF)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut ContentStream)) -> String {
        let mut c = ContentStream::new();
        f(&mut c);
        String::from_utf8(c.into_bytes()).unwrap()
    }

    #[test]
    fn numbers_have_at_most_three_decimals_and_no_trailing_zeros() {
        let cases = [
            (0.0, "0 "),
            (1.0, "1 "),
            (-2.5, "-2.5 "),
            (595.2756, "595.276 "),
            (0.0004, "0 "),
            (-0.0004, "0 "),
            (10.05, "10.05 "),
            (1234567.0, "1234567 "),
            (0.001, "0.001 "),
        ];
        for (value, expected) in cases {
            assert_eq!(
                written(|c| {
                    c.number(value);
                }),
                expected,
                "{value}"
            );
        }
    }

    #[test]
    fn names_escape_delimiters_and_text_strings_are_utf16_hex() {
        assert_eq!(
            written(|c| {
                c.name(b"F1 a/b");
            }),
            "/F1#20a#2Fb "
        );
        assert_eq!(
            written(|c| {
                c.text_string("Aé");
            }),
            "<FEFF004100E9> "
        );
    }

    #[test]
    fn lopdf_reads_back_what_is_written() {
        let bytes = {
            let mut c = ContentStream::new();
            c.name(b"Span")
                .raw(b"<< ")
                .name(b"ActualText")
                .text_string("Wójcik")
                .name(b"MCID")
                .integer(3)
                .raw(b">> ")
                .op("BDC");
            c.raw(b"[<0012").code(0x34).raw(b">").adjustment(-12.5);
            c.raw(b"<0001>] ").op("TJ");
            c.point(1.5, -2.0).op("m");
            c.into_bytes()
        };
        let content = lopdf::content::Content::decode(&bytes).unwrap();
        let operators: Vec<&str> = content
            .operations
            .iter()
            .map(|o| o.operator.as_str())
            .collect();
        assert_eq!(operators, ["BDC", "TJ", "m"]);
        let tj = content.operations[1].operands[0].as_array().unwrap();
        assert_eq!(tj.len(), 3, "two strings and the adjustment between");
        assert_eq!(tj[0].as_str().unwrap(), [0x00, 0x12, 0x00, 0x34]);
    }
}
