//! TEMPORARY SHIM - replaced by the resume branch.
use std::path::Path;
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Docx,
    Pdf,
}
impl Format {
    pub fn of_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()? {
            "txt" => Some(Format::Text),
            "md" => Some(Format::Markdown),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}
pub const SUPPORTED: &str = ".txt, .md";
pub const MAX_BYTES: u64 = 20 << 20;
pub fn extract_text(path: &Path) -> crate::Result<String> {
    std::fs::read_to_string(path).map_err(|e| crate::Error::invalid(e.to_string()))
}
pub const HASHES: usize = 128;
pub const BANDS: usize = 64;
pub const ROWS: usize = 2;
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    pub shingles: u32,
    pub minhash: [u32; HASHES],
}
impl Fingerprint {
    pub fn of_text(text: &str) -> Option<Fingerprint> {
        let w: Vec<&str> = text.split_whitespace().collect();
        if w.len() < 3 {
            return None;
        }
        let mut m = [u32::MAX; HASHES];
        for s in w.windows(3) {
            let mut h: u64 = 1469598103934665603;
            for b in s.join(" ").bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(1099511628211);
            }
            for (i, slot) in m.iter_mut().enumerate() {
                let v =
                    ((h ^ (i as u64).wrapping_mul(0x9E3779B97F4A7C15)).wrapping_mul(0xff51afd7ed558ccd) >> 32) as u32;
                *slot = (*slot).min(v);
            }
        }
        Some(Fingerprint { shingles: (w.len() - 2) as u32, minhash: m })
    }
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = self.shingles.to_le_bytes().to_vec();
        for m in self.minhash {
            v.extend(m.to_le_bytes());
        }
        v
    }
    pub fn from_bytes(b: &[u8]) -> Option<Fingerprint> {
        if b.len() != 4 + 4 * HASHES {
            return None;
        }
        let mut m = [0u32; HASHES];
        for (i, c) in b[4..].chunks(4).enumerate() {
            m[i] = u32::from_le_bytes(c.try_into().ok()?);
        }
        Some(Fingerprint { shingles: u32::from_le_bytes(b[..4].try_into().ok()?), minhash: m })
    }
    pub fn similarity(&self, o: &Fingerprint) -> f64 {
        self.minhash.iter().zip(o.minhash.iter()).filter(|(a, b)| a == b).count() as f64 / HASHES as f64
    }
    pub fn band_keys(&self) -> [i64; BANDS] {
        let mut k = [0i64; BANDS];
        for (j, slot) in k.iter_mut().enumerate() {
            *slot = ((j as i64) << 48) ^ (self.minhash[2 * j] as i64) ^ ((self.minhash[2 * j + 1] as i64) << 16);
        }
        k
    }
}
pub const DEFAULT_THRESHOLD: f64 = 0.5;
pub const MIN_THRESHOLD: f64 = 0.3;
