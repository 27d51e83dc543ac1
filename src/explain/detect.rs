//! Guessing which language or tool printed some output, from the shape of its lines
//! (trace frames, prefixes, file extensions). The guess only nudges ranking; it never
//! filters, because logs mix tools.

/// Votes a language must lead by before more lines stop being looked at.
const SETTLED: u32 = 10;

/// Counts evidence line by line.
#[derive(Debug, Default)]
pub struct Detector {
    votes: Vec<(&'static str, u32)>,
}

/// A test on one line.
type Rule = fn(&str) -> bool;

/// (language, test) pairs; a line may vote for several languages.
const RULES: &[(&str, Rule)] = &[
    ("python", |l| {
        l.starts_with("Traceback (most recent call last)")
            || (l.trim_start().starts_with("File \"") && l.contains(", line "))
    }),
    ("java", |l| {
        (l.trim_start().starts_with("at ") && l.contains(".java:"))
            || l.starts_with("Exception in thread \"")
            || l.contains("[ERROR] Failed to execute goal")
    }),
    ("kotlin", |l| {
        l.trim_start().starts_with("at ") && l.contains(".kt:")
    }),
    ("csharp", |l| {
        (l.trim_start().starts_with("at ") && l.contains(".cs:line "))
            || l.contains("error CS")
            || l.contains("Unhandled exception. System.")
    }),
    ("vbnet", |l| {
        l.contains(".vb:line ") || l.contains("error BC")
    }),
    ("javascript", |l| {
        (l.trim_start().starts_with("at ")
            && (l.contains(".js:")
                || l.contains(".mjs:")
                || l.contains(".jsx:")
                || l.contains("node:internal")))
            || l.starts_with("Uncaught ")
    }),
    ("typescript", |l| {
        l.contains("error TS") || l.contains(".ts:") || l.contains(".tsx:") || l.contains(".ts(")
    }),
    ("go", |l| {
        l.starts_with("goroutine ")
            || l.starts_with("panic: ")
            || (l.contains(".go:") && !l.contains("://"))
    }),
    ("rust", |l| {
        l.starts_with("error[E")
            || l.contains("panicked at")
            || (l.contains("--> ") && l.contains(".rs:"))
    }),
    ("php", |l| {
        l.starts_with("PHP ")
            || l.contains(".php on line ")
            || l.contains(".php:")
            || l.contains(".php(")
    }),
    ("c", |l| {
        l.contains(".c:") && (l.contains(": error:") || l.contains(": warning:"))
    }),
    ("cpp", |l| {
        (l.contains(".cpp:") || l.contains(".hpp:") || l.contains(".cc:")) && l.contains("error")
    }),
    ("sql", |l| {
        l.starts_with("ERROR ") && l.contains('(')
            || l.contains("SQLSTATE")
            || l.starts_with("psql:")
    }),
    ("npm", |l| {
        l.starts_with("npm ERR!")
            || l.starts_with("npm error")
            || l.starts_with("yarn ")
            || l.contains("ERR_PNPM")
    }),
    ("git", |l| {
        l.starts_with("fatal: ") || l.starts_with("hint: ") || l.starts_with(" ! [rejected]")
    }),
    ("docker", |l| {
        l.starts_with("docker: ") || l.contains("Error response from daemon")
    }),
    ("kubernetes", |l| {
        l.contains("kubectl") || l.contains("Back-off restarting") || l.contains("CrashLoopBackOff")
    }),
    ("nginx", |l| {
        l.contains("[emerg]") || l.contains("[crit]") || l.contains("upstream")
    }),
    ("ssh", |l| {
        l.contains("ssh: ") || l.contains("(publickey)") || l.contains("REMOTE HOST IDENTIFICATION")
    }),
];

/// Whether a line is a stack frame (`at ...(File.java:12)`, `File "x.py", line 3`,
/// `#2 /app/x.php(12)`, `/src/x.go:40 +0x1d`, `... 42 more`). Frames are printed by
/// programs, never typed by people, so matching does not forgive typos in them.
pub fn is_frame(line: &str) -> bool {
    let t = line.trim_start();
    let digits_then = |t: &str, sep: char| {
        let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
        rest.len() < t.len() && rest.starts_with(sep)
    };
    (t.starts_with("at ")
        && (t.ends_with(')') || t.contains(":line ") || t.contains(".js:") || t.contains(".rs:")))
        || (t.starts_with("File \"") && t.contains("\", line "))
        || (t.starts_with("... ") && t.ends_with(" more"))
        || (t.starts_with('#') && digits_then(&t[1..], ' '))
        || (t.starts_with('/') && t.contains(".go:") && t.contains(" +0x"))
        || digits_then(t, ':') && t.contains("::")
}

impl Detector {
    /// Looks at one line.
    pub fn see(&mut self, line: &str) {
        for (lang, rule) in RULES {
            if rule(line) {
                match self.votes.iter_mut().find(|(l, _)| l == lang) {
                    Some((_, n)) => *n += 1,
                    None => self.votes.push((lang, 1)),
                }
            }
        }
    }

    /// Whether one language leads by so much that more lines would not change the guess
    /// (the rules cost more than anything else on a long trace).
    pub fn settled(&self) -> bool {
        let mut top = [0, 0];
        for &(_, n) in &self.votes {
            if n > top[0] {
                top = [n, top[0]];
            } else if n > top[1] {
                top[1] = n;
            }
        }
        top[0] >= top[1] + SETTLED
    }

    /// The language with the most evidence, if any.
    pub fn guess(&self) -> Option<&'static str> {
        self.votes.iter().max_by_key(|(_, n)| *n).map(|(l, _)| *l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(text: &str) -> Option<&'static str> {
        let mut d = Detector::default();
        text.lines().for_each(|l| d.see(l));
        d.guess()
    }

    #[test]
    fn python_traceback_is_python() {
        assert_eq!(guess("Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\nKeyError: 'x'"), Some("python"));
    }

    #[test]
    fn java_frames_are_java() {
        assert_eq!(guess("java.lang.NullPointerException\n\tat com.x.A.b(A.java:10)\n\tat com.x.A.main(A.java:3)"), Some("java"));
    }

    #[test]
    fn frames_are_recognised_and_messages_are_not() {
        for f in [
            "\tat com.x.A.b(A.java:10)",
            "    at Object.<anonymous> (/app/index.js:3:9)",
            "   at Shop.Orders.Load() in C:\\src\\Orders.cs:line 42",
            "  File \"/srv/app.py\", line 3, in <module>",
            "\t... 42 more",
            "#1 /var/www/index.php(12): run()",
            "\t/home/u/app/main.go:40 +0x1d",
            "   7: std::rt::lang_start::{{closure}}",
        ] {
            assert!(is_frame(f), "{f}");
        }
        for m in [
            "Caused by: java.lang.NullPointerException",
            "ModuleNotFoundError: No module named 'x'",
            "panic: runtime error: index out of range [3] with length 3",
            "#include <stdio.h> error",
        ] {
            assert!(!is_frame(m), "{m}");
        }
    }

    #[test]
    fn a_clear_lead_settles_the_guess_and_a_close_race_does_not() {
        let mut d = Detector::default();
        for i in 0..SETTLED - 1 {
            d.see(&format!("\tat com.x.A.b(A.java:{i})"));
        }
        assert!(!d.settled());
        d.see("\tat com.x.A.b(A.java:99)");
        assert!(d.settled());
        let mut race = Detector::default();
        for i in 0..30 {
            race.see(&format!("\tat com.x.A.b(A.java:{i})"));
            race.see(&format!("  File \"a{i}.py\", line {i}, in f"));
        }
        assert!(!race.settled());
    }

    #[test]
    fn plain_prose_has_no_language() {
        assert_eq!(guess("The quick brown fox\njumps over the lazy dog"), None);
    }
}
