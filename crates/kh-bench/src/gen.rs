//! A deterministic synthetic corpus: N valid entries (questions, errors, snippets) made of
//! pseudo-words, so that the same build can compile 1k, 10k or 100k entries.

use std::fmt::Write as _;
use std::path::Path;

/// A small, fast, reproducible PRNG (xorshift64*).
pub struct Rng(u64);

impl Rng {
    /// Seeded generator.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    /// Next value.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A value below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ner", "tas", "vo", "rin", "del", "sup", "tra", "qui", "zen", "por", "lex",
    "mar", "fen", "gol", "hub", "jor", "wek",
];

/// The vocabulary: pseudo-words of two or three syllables.
pub fn vocabulary(n: usize) -> Vec<String> {
    let mut rng = Rng::new(7);
    let mut words = std::collections::BTreeSet::new();
    while words.len() < n {
        let k = 2 + rng.below(2);
        let w: String = (0..k)
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        words.insert(w);
    }
    words.into_iter().collect()
}

fn sentence(rng: &mut Rng, vocab: &[String], n: usize) -> String {
    (0..n)
        .map(|_| vocab[rng.below(vocab.len())].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

const QTECHS: &[(&str, &str)] = &[
    ("python", "PY"),
    ("django", "DJG"),
    ("javascript", "JS"),
    ("rust", "RS"),
    ("go", "GO"),
    ("java", "JAVA"),
    ("sql", "SQL"),
    ("php", "PHP"),
];

/// Writes `count` entries below `out` (60% questions, 30% errors, 10% snippets).
pub fn generate(count: usize, out: &Path) -> std::io::Result<()> {
    let vocab = vocabulary(5000);
    let mut rng = Rng::new(42);
    for i in 0..count {
        let (dir, name, text) = match i % 10 {
            0..=5 => question(i, &mut rng, &vocab),
            6..=8 => error(i, &mut rng, &vocab),
            _ => snippet(i, &mut rng, &vocab),
        };
        let d = out.join(dir);
        std::fs::create_dir_all(&d)?;
        std::fs::write(d.join(format!("{name}.md")), text)?;
    }
    Ok(())
}

fn body(rng: &mut Rng, vocab: &[String], headings: &[&str]) -> String {
    let mut s = String::new();
    for h in headings {
        let _ = write!(s, "## {h}\n{}.\n\n", sentence(rng, vocab, 40));
    }
    s
}

fn question(i: usize, rng: &mut Rng, vocab: &[String]) -> (String, String, String) {
    let (tech, prefix) = QTECHS[i % QTECHS.len()];
    let id = format!("{prefix}-MID-{:06}", i);
    let title = format!("How does {} work?", sentence(rng, vocab, 7));
    let text = format!(
        "+++\nid = \"{id}\"\nkind = \"question\"\ntitle = \"{title}\"\ntech = \"{tech}\"\ntopic = \"Performance\"\nlevel = \"mid\"\ndifficulty = {}\n+++\n\n{}",
        1 + rng.below(10),
        body(rng, vocab, &["Answer", "Deep Dive", "Real-World", "Common Mistakes", "Production Scenario", "Follow-up Questions"])
    );
    (format!("question/{tech}"), id, text)
}

fn error(i: usize, rng: &mut Rng, vocab: &[String]) -> (String, String, String) {
    let id = format!("GEN-{:06}", i);
    let class = format!("{}Error", vocab[rng.below(vocab.len())]);
    let message = format!(
        "{class}: {} '{{name}}' {}",
        sentence(rng, vocab, 4),
        sentence(rng, vocab, 3)
    );
    let example = message.replace("{name}", "thing");
    let text = format!(
        "+++\nid = \"{id}\"\nkind = \"error\"\ntitle = \"{}\"\nlang = \"python\"\nclass = \"RUNTIME\"\nmessages = [\"{message}\"]\n+++\n\n{}## Example\n```text\nTraceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n{example}\n```\n",
        sentence(rng, vocab, 6),
        body(rng, vocab, &["Cause", "Fix"])
    );
    ("error/python".into(), id, text)
}

fn snippet(i: usize, rng: &mut Rng, vocab: &[String]) -> (String, String, String) {
    let id = format!("SN-PY-{:06}", i);
    let text = format!(
        "+++\nid = \"{id}\"\nkind = \"snippet\"\ntitle = \"{}\"\nlang = \"python\"\ncategory = \"utility\"\nsummary = \"{}\"\nfile = \"s{i}.py\"\n+++\n\n## Code\n```python\ndef f{i}(x):\n    return x + {i}\n```\n\n## Notes\n{}.\n",
        sentence(rng, vocab, 5),
        sentence(rng, vocab, 10),
        sentence(rng, vocab, 20)
    );
    ("snippet/python".into(), id, text)
}
