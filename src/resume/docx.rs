//! Text of a Word (.docx) file: the text runs of `word/document.xml`, with paragraphs, tabs and line
//! breaks turned into whitespace. Headers, footers and comments live in other parts and are left out;
//! so is deleted text from tracked changes (`w:delText`) and field codes (`w:instrText`).

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

const DOCUMENT: &str = "word/document.xml";

/// A resume's document part is a few hundred kilobytes at most; the cap stops a zip bomb.
const MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// The text of the .docx in `bytes`, or why it cannot be read (a phrase that follows the file name).
pub(super) fn text(bytes: &[u8]) -> Result<String, String> {
    let not_docx = |e: &dyn std::fmt::Display| format!("is not a readable .docx file ({})", super::one_line(e));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_docx(&e))?;
    let entry = match archive.by_name(DOCUMENT) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(format!("is a zip file but not a Word document (no {DOCUMENT})"));
        }
        Err(e) => return Err(not_docx(&e)),
    };
    let mut xml = Vec::new();
    entry.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut xml).map_err(|e| not_docx(&e))?;
    if xml.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(format!("has a document part over {} MiB; not a resume", MAX_DOCUMENT_BYTES >> 20));
    }
    document_text(&String::from_utf8_lossy(&xml)).map_err(|e| not_docx(&e))
}

/// Collects the `w:t` runs of WordprocessingML. Elements are matched by local name, so text in other
/// namespaces that Word nests in the body (DrawingML text boxes `a:t`, equations `m:t`) counts too.
fn document_text(xml: &str) -> Result<String, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut text = String::new();
    let mut in_run_text = false;
    loop {
        match reader.read_event()? {
            Event::Start(e) if e.local_name().as_ref() == "t" => in_run_text = true,
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_run_text = false,
                "p" => text.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => text.push('\t'),
                "br" | "cr" | "p" => text.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_run_text => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_run_text => {
                if let Some(c) = r.resolve_char_ref()? {
                    text.push(c);
                } else if let Some(entity) = quick_xml::escape::resolve_predefined_entity(&r) {
                    text.push_str(entity);
                }
            }
            Event::Eof => return Ok(text),
            _ => {}
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    /// A minimal but valid .docx whose body is `body` (WordprocessingML inside `w:body`).
    pub(in crate::resume) fn docx(body: &str) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        zip_of(&[("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", &document)])
    }

    /// A .docx with one paragraph per line of `text`, each split into two runs the way Word splits them.
    pub(in crate::resume) fn docx_of_lines(text: &str) -> Vec<u8> {
        let body: String = text
            .lines()
            .map(|line| {
                let escaped = line.replace('&', "&amp;").replace('<', "&lt;");
                let cut = escaped.char_indices().nth(escaped.chars().count() / 2).map_or(0, |(i, _)| i);
                let (head, tail) = escaped.split_at(cut);
                format!(r#"<w:p><w:r><w:t xml:space="preserve">{head}</w:t></w:r><w:r><w:t xml:space="preserve">{tail}</w:t></w:r></w:p>"#)
            })
            .collect();
        docx(&body)
    }

    pub(in crate::resume) fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in files {
            zip.start_file(*name, options).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

    #[test]
    fn runs_join_and_paragraphs_tabs_and_breaks_separate() {
        let body = r#"
            <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Jor</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>dan</w:t></w:r><w:r><w:t xml:space="preserve"> Whitfield</w:t></w:r></w:p>
            <w:p><w:r><w:t>Go</w:t><w:tab/><w:t>PostgreSQL</w:t><w:br/><w:t>Kafka &amp; Redis &#8211; AWS</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Austin, TX</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:del><w:r><w:delText>removed line</w:delText></w:r></w:del><w:r><w:instrText>HYPERLINK "mailto:x@example.com"</w:instrText></w:r><w:r><w:t>kept</w:t></w:r></w:p>"#;
        assert_eq!(
            text(&docx(body)).unwrap().trim(),
            "Jordan Whitfield\nGo\tPostgreSQL\nKafka & Redis – AWS\nAustin, TX\nkept"
        );
    }

    #[test]
    fn files_that_are_not_word_documents_say_why() {
        let not_zip = text(b"plain text renamed to .docx").unwrap_err();
        assert!(not_zip.starts_with("is not a readable .docx file ("), "{not_zip}");
        let other_zip = text(&zip_of(&[("notes.txt", "hello")])).unwrap_err();
        assert_eq!(other_zip, "is a zip file but not a Word document (no word/document.xml)");
        let broken_xml = text(&zip_of(&[("word/document.xml", "<w:document><w:body></w:p>")])).unwrap_err();
        assert!(broken_xml.starts_with("is not a readable .docx file ("), "{broken_xml}");
        assert!(!broken_xml.contains('\n'));
    }
}
