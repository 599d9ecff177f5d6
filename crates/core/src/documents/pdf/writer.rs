//! A small A4 page writer over printpdf: text measured with the embedded font (DejaVu Sans,
//! subset on save), wrapped paragraphs, tables, page breaks, and the garage's letterhead and
//! legal footer on every page. Coordinates are in millimetres from the top-left corner.

use crate::kernel::error::{CoreError, Result};
use crate::org::garage::GarageIdentity;
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, RawImage, Rect, Rgb, TextItem, XObjectId, XObjectTransform,
};
use std::sync::OnceLock;

const REGULAR_TTF: &[u8] = include_bytes!("../../../../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../../../assets/fonts/DejaVuSans-Bold.ttf");

pub const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
pub const LEFT: f32 = 15.0;
pub const RIGHT: f32 = PAGE_W - 15.0;
const TOP: f32 = 15.0;
/// Content stops here; the legal footer lives below.
const BOTTOM: f32 = PAGE_H - 24.0;
const MM_PER_PT: f32 = 25.4 / 72.0;

struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

/// The fonts are parsed once per process (a few milliseconds each).
fn fonts() -> Result<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let regular = ParsedFont::from_bytes(REGULAR_TTF, 0, &mut Vec::new())?;
            let bold = ParsedFont::from_bytes(BOLD_TTF, 0, &mut Vec::new())?;
            Some(Fonts { regular, bold })
        })
        .as_ref()
        .ok_or_else(|| CoreError::Internal("police des documents illisible".into()))
}

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb {
        r: level,
        g: level,
        b: level,
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> Point {
    Point {
        x: Mm(x).into(),
        y: Mm(PAGE_H - y).into(),
    }
}

/// Column of a table: its title, width in mm, and whether its cells are right-aligned (amounts).
pub struct Column<'a> {
    pub title: &'a str,
    pub width: f32,
    pub right: bool,
}

pub struct Writer {
    doc: PdfDocument,
    fonts: &'static Fonts,
    regular: FontId,
    bold: FontId,
    logo: Option<(XObjectId, f32, f32)>,
    identity: GarageIdentity,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Where the next line starts, in mm from the top.
    pub y: f32,
}

impl Writer {
    /// A document with the garage's letterhead; `logo` is the PNG or JPEG of the set-up.
    pub fn new(identity: &GarageIdentity, logo: Option<&[u8]>) -> Result<Writer> {
        let fonts = fonts()?;
        let mut doc = PdfDocument::new("");
        let regular = doc.add_font(&fonts.regular);
        let bold = doc.add_font(&fonts.bold);
        // A logo is checked when it is saved; one that no longer decodes is left out of the
        // document (and logged) rather than blocking every offer.
        let logo = match logo.map(|b| RawImage::decode_from_bytes(b, &mut Vec::new())) {
            Some(Ok(image)) => {
                let (w, h) = (image.width as f32, image.height as f32);
                Some((doc.add_image(&image), w, h))
            }
            Some(Err(e)) => {
                tracing::warn!(error = %e, "garage logo unreadable: printed without it");
                None
            }
            None => None,
        };
        Ok(Writer {
            doc,
            fonts,
            regular,
            bold,
            logo,
            identity: identity.clone(),
            pages: Vec::new(),
            ops: Vec::new(),
            y: TOP,
        })
    }

    /// Width of a text in mm.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let font = if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        };
        let per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = font.lookup_glyph_index(c as u32).unwrap_or(0);
                u32::from(font.get_horizontal_advance(glyph))
            })
            .sum();
        units as f32 / per_em * size * MM_PER_PT
    }

    /// Writes a text with its baseline at `y` (mm from the top).
    pub fn text_at(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool) {
        let font = if bold { &self.bold } else { &self.regular };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(size),
            },
            Op::SetTextCursor { pos: point(x, y) },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    pub fn text_right_at(&mut self, right: f32, y: f32, text: &str, size: f32, bold: bool) {
        let x = right - self.width(text, size, bold);
        self.text_at(x, y, text, size, bold);
    }

    fn set_fill(&mut self, level: f32) {
        self.ops.push(Op::SetFillColor { col: grey(level) });
    }

    pub fn rule(&mut self, y: f32, from: f32, to: f32) {
        self.ops.extend([
            Op::SetOutlineColor { col: grey(0.55) },
            Op::SetOutlineThickness { pt: Pt(0.5) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: point(from, y),
                            bezier: false,
                        },
                        LinePoint {
                            p: point(to, y),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.ops.extend([
            Op::SetOutlineColor { col: grey(0.4) },
            Op::SetOutlineThickness { pt: Pt(0.6) },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Mm(x).into(),
                    y: Mm(PAGE_H - y - h).into(),
                    width: Mm(w).into(),
                    height: Mm(h).into(),
                    mode: Some(PaintMode::Stroke),
                    winding_order: None,
                },
            },
        ]);
    }

    fn shade(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.set_fill(0.92);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Mm(x).into(),
                y: Mm(PAGE_H - y - h).into(),
                width: Mm(w).into(),
                height: Mm(h).into(),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
        self.set_fill(0.0);
    }

    /// Starts a new page when `height` mm do not fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.new_page();
        }
    }

    pub fn new_page(&mut self) {
        let ops = std::mem::take(&mut self.ops);
        self.pages.push(ops);
        self.y = TOP;
    }

    /// Splits a text into lines that fit `width` mm (words longer than a line are cut).
    pub fn wrap(&self, text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, bold) <= width || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(std::mem::take(&mut line));
                    line = word.to_string();
                }
                while self.width(&line, size, bold) > width && line.chars().count() > 1 {
                    let mut head = String::new();
                    for c in line.chars() {
                        if self.width(&format!("{head}{c}"), size, bold) > width {
                            break;
                        }
                        head.push(c);
                    }
                    let rest = line.chars().skip(head.chars().count().max(1)).collect();
                    lines.push(if head.is_empty() { line.clone() } else { head });
                    line = rest;
                }
            }
            lines.push(line);
        }
        lines
    }

    fn line_height(size: f32) -> f32 {
        size * MM_PER_PT * 1.35
    }

    /// A wrapped paragraph from the left margin, over as many pages as it needs.
    pub fn paragraph(&mut self, text: &str, size: f32, bold: bool) {
        self.paragraph_at(LEFT, RIGHT - LEFT, text, size, bold);
    }

    pub fn paragraph_at(&mut self, x: f32, width: f32, text: &str, size: f32, bold: bool) {
        let lh = Self::line_height(size);
        for line in self.wrap(text, width, size, bold) {
            self.ensure(lh);
            self.y += lh;
            if !line.is_empty() {
                self.text_at(x, self.y - lh * 0.25, &line, size, bold);
            }
        }
    }

    pub fn gap(&mut self, mm: f32) {
        self.y += mm;
    }

    /// A section title with a rule under it.
    pub fn section(&mut self, title: &str) {
        self.ensure(16.0);
        self.y += 6.0;
        self.text_at(LEFT, self.y, title, 10.5, true);
        self.y += 1.8;
        self.rule(self.y, LEFT, RIGHT);
        self.y += 1.0;
    }

    /// Label and value rows in two columns (the value wraps).
    pub fn fields(&mut self, rows: &[(&str, String)]) {
        let size = 9.0;
        // The label column fits the longest label (within bounds), values start after it.
        let widest = rows
            .iter()
            .map(|(l, _)| self.width(l, size, true))
            .fold(0.0, f32::max);
        let label_w = (widest + 4.0).clamp(40.0, 80.0);
        for (label, value) in rows {
            let value = if value.trim().is_empty() {
                "—"
            } else {
                value
            };
            let lines = self.wrap(value, RIGHT - LEFT - label_w, size, false);
            let lh = Self::line_height(size);
            self.ensure(lh * lines.len() as f32);
            self.text_at(LEFT, self.y + lh * 0.75, label, size, true);
            for line in lines {
                self.y += lh;
                self.text_at(LEFT + label_w, self.y - lh * 0.25, &line, size, false);
            }
        }
    }

    /// A table with a shaded header row; cells wrap inside their column.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let size = 8.5;
        let lh = Self::line_height(size);
        let header = |w: &mut Writer| {
            w.ensure(lh * 2.0);
            w.shade(LEFT, w.y, RIGHT - LEFT, lh + 1.6);
            let mut x = LEFT;
            for c in columns {
                if c.right {
                    w.text_right_at(x + c.width - 1.5, w.y + lh, c.title, size, true);
                } else {
                    w.text_at(x + 1.5, w.y + lh, c.title, size, true);
                }
                x += c.width;
            }
            w.y += lh + 1.6;
        };
        header(self);
        for row in rows {
            let cells: Vec<Vec<String>> = columns
                .iter()
                .zip(row)
                .map(|(c, text)| self.wrap(text, c.width - 3.0, size, false))
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 1.2;
            if self.y + height > BOTTOM {
                self.new_page();
                header(self);
            }
            let mut x = LEFT;
            for (c, lines) in columns.iter().zip(&cells) {
                for (i, line) in lines.iter().enumerate() {
                    let baseline = self.y + lh * (i as f32 + 1.0) - lh * 0.2;
                    if c.right {
                        self.text_right_at(x + c.width - 1.5, baseline, line, size, false);
                    } else {
                        self.text_at(x + 1.5, baseline, line, size, false);
                    }
                }
                x += c.width;
            }
            self.y += height;
            self.rule(self.y, LEFT, RIGHT);
        }
    }

    /// A right-aligned amount line under a table: label then amount.
    pub fn amount(&mut self, label: &str, amount: &str, bold: bool) {
        let size = if bold { 10.0 } else { 9.0 };
        let lh = Self::line_height(size) + 0.6;
        self.ensure(lh);
        self.y += lh;
        self.text_right_at(RIGHT - 38.0, self.y - 0.8, label, size, bold);
        self.text_right_at(RIGHT - 1.5, self.y - 0.8, amount, size, bold);
    }

    /// Signature boxes side by side, each with its caption.
    pub fn signatures(&mut self, captions: &[&str]) {
        let height = 32.0;
        self.ensure(height + 8.0);
        self.y += 4.0;
        let n = captions.len().max(1) as f32;
        let gap = 6.0;
        let w = (RIGHT - LEFT - gap * (n - 1.0)) / n;
        for (i, caption) in captions.iter().enumerate() {
            let x = LEFT + i as f32 * (w + gap);
            self.frame(x, self.y, w, height);
            let mut line_y = self.y + 4.5;
            for line in self.wrap(caption, w - 4.0, 8.0, true) {
                self.text_at(x + 2.0, line_y, &line, 8.0, true);
                line_y += 3.6;
            }
            self.text_at(
                x + 2.0,
                self.y + height - 3.0,
                "Date et signature",
                7.0,
                false,
            );
        }
        self.y += height + 2.0;
    }

    /// The letterhead: logo and garage on the left, title, number and date on the right.
    pub fn letterhead(&mut self, title: &str, subtitle: &[String]) {
        let mut x = LEFT;
        if let Some((id, w, h)) = self.logo.clone() {
            // Fit into 38 × 20 mm, keeping the proportions.
            let scale = (38.0 / w).min(20.0 / h);
            let (dw, dh) = (w * scale, h * scale);
            let dpi = w / (dw / 25.4);
            self.ops.push(Op::UseXobject {
                id,
                transform: XObjectTransform {
                    translate_x: Some(Mm(LEFT).into()),
                    translate_y: Some(Mm(PAGE_H - TOP - dh).into()),
                    dpi: Some(dpi),
                    ..Default::default()
                },
            });
            x += dw + 4.0;
        }
        let g = self.identity.clone();
        let mut y = TOP + 4.0;
        self.text_at(x, y, &g.legal_name, 12.0, true);
        for line in [
            g.address.clone(),
            format!("{} {}", g.postal_code, g.city).trim().to_string(),
            [crate::documents::format::phone(&g.phone), g.email.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
        ] {
            if !line.is_empty() {
                y += 4.2;
                self.text_at(x, y, &line, 8.5, false);
            }
        }
        let mut ry = TOP + 5.0;
        self.text_right_at(RIGHT, ry, title, 15.0, true);
        for line in subtitle {
            ry += 5.0;
            self.text_right_at(RIGHT, ry, line, 9.0, false);
        }
        self.y = y.max(ry).max(TOP + 20.0) + 4.0;
        self.rule(self.y, LEFT, RIGHT);
        self.y += 2.0;
    }

    /// The seller's legal identity, as the law wants it on every commercial document.
    fn legal_line(&self) -> String {
        let g = &self.identity;
        let siren: String = g
            .siret
            .chars()
            .filter(char::is_ascii_digit)
            .take(9)
            .collect();
        let mut parts = vec![g.legal_name.clone()];
        let form = match (g.legal_form.is_empty(), g.capital.is_empty()) {
            (false, false) => format!("{} au capital de {} €", g.legal_form, g.capital),
            (false, true) => g.legal_form.clone(),
            _ => String::new(),
        };
        parts.push(form);
        if !siren.is_empty() {
            let spaced = format!(
                "{} {} {}",
                &siren[..3.min(siren.len())],
                siren.get(3..6).unwrap_or(""),
                siren.get(6..).unwrap_or("")
            );
            parts.push(
                format!("SIREN {} {}", spaced.trim(), g.rcs_city)
                    .trim()
                    .to_string(),
            );
        }
        if !g.vat_number.is_empty() {
            parts.push(format!("TVA intracommunautaire {}", g.vat_number));
        }
        parts.push(format!("{}, {} {}", g.address, g.postal_code, g.city));
        parts
            .into_iter()
            .filter(|p| !p.trim().is_empty() && p.trim() != ",")
            .collect::<Vec<_>>()
            .join(" – ")
    }

    /// Adds the footer to every page and saves: subset fonts, document dates set.
    pub fn finish(mut self, title: &str, at: chrono::DateTime<chrono::Utc>) -> Vec<u8> {
        if !self.ops.is_empty() || self.pages.is_empty() {
            let ops = std::mem::take(&mut self.ops);
            self.pages.push(ops);
        }
        let legal = self.legal_line();
        let legal_lines = self.wrap(&legal, RIGHT - LEFT - 22.0, 6.5, false);
        let count = self.pages.len();
        let pages: Vec<Vec<Op>> = std::mem::take(&mut self.pages);
        let mut done = Vec::with_capacity(count);
        for (i, ops) in pages.into_iter().enumerate() {
            self.ops = ops;
            self.set_fill(0.35);
            let mut y = PAGE_H - 15.0;
            self.rule(y - 3.5, LEFT, RIGHT);
            for line in &legal_lines {
                self.text_at(LEFT, y, line, 6.5, false);
                y += 3.0;
            }
            self.text_right_at(
                RIGHT,
                PAGE_H - 15.0,
                &format!("Page {}/{}", i + 1, count),
                7.0,
                false,
            );
            self.set_fill(0.0);
            let ops = std::mem::take(&mut self.ops);
            done.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops));
        }
        let stamp = printpdf::DateTime::from_unix_timestamp(at.timestamp()).ok();
        let info = &mut self.doc.metadata.info;
        info.document_title = title.to_string();
        info.author = self.identity.legal_name.clone();
        info.creator = "Carnet".into();
        info.producer = "Carnet".into();
        if let Some(stamp) = stamp {
            info.creation_date = stamp;
            info.modification_date = stamp;
            info.metadata_date = stamp;
        }
        let options = PdfSaveOptions {
            subset_fonts: true,
            ..Default::default()
        };
        self.doc.with_pages(done).save(&options, &mut Vec::new())
    }
}
