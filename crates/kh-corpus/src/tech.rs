//! The closed vocabularies of the corpus: technologies, topics, levels and ID prefixes.
//!
//! A value outside these lists is a lint error, so that filters such as `--tech` can name
//! the valid choices and never silently match nothing.

/// One technology the hub knows, with the ID prefixes tied to it.
#[derive(Debug, Clone, Copy)]
pub struct Tech {
    /// The slug used in front matter (`tech`, `lang`) and on the command line.
    pub slug: &'static str,
    /// How it is shown to people.
    pub name: &'static str,
    /// Prefix of interview-question IDs (`DJG` in `DJG-BEG-001`), if it has questions.
    pub question_prefix: Option<&'static str>,
    /// Prefix of snippet IDs (`PY` in `SN-PY-001`), if snippets may use it.
    pub snippet_prefix: Option<&'static str>,
}

const fn t(
    slug: &'static str,
    name: &'static str,
    q: Option<&'static str>,
    s: Option<&'static str>,
) -> Tech {
    Tech {
        slug,
        name,
        question_prefix: q,
        snippet_prefix: s,
    }
}

/// Every technology, in display order.
pub const TECHS: &[Tech] = &[
    t("python", "Python", Some("PY"), Some("PY")),
    t("django", "Python (Django)", Some("DJG"), Some("PY")),
    t("flask", "Python (Flask/FastAPI)", Some("FLK"), Some("PY")),
    t("javascript", "JavaScript", Some("JS"), Some("JS")),
    t("typescript", "TypeScript", Some("TS"), Some("TS")),
    t("react", "React", Some("RCT"), Some("JS")),
    t("nodejs", "Node.js", Some("NODE"), Some("JS")),
    t("php", "PHP", Some("PHP"), Some("PHP")),
    t("laravel", "PHP (Laravel)", Some("LRV"), Some("PHP")),
    t("wordpress", "WordPress", Some("WP"), Some("PHP")),
    t("java", "Java", Some("JAVA"), Some("JAVA")),
    t("kotlin", "Kotlin", None, Some("KT")),
    t("spring", "Java (Spring Boot)", Some("SPR"), Some("JAVA")),
    t("csharp", "C# / .NET", Some("CS"), Some("CS")),
    t("vbnet", "VB.NET", None, Some("VB")),
    t("go", "Go", Some("GO"), Some("GO")),
    t("rust", "Rust", Some("RS"), Some("RS")),
    t("c", "C", None, Some("C")),
    t("cpp", "C++", None, Some("CPP")),
    t("sql", "SQL & Databases", Some("SQL"), Some("SQL")),
    t("bash", "Bash", None, Some("SH")),
    t(
        "devops",
        "DevOps (Docker, Kubernetes, CI/CD)",
        Some("OPS"),
        Some("OPS"),
    ),
    t("ai", "AI/ML Integration", Some("AI"), Some("AI")),
    t("git", "Git", None, Some("GIT")),
    t("docker", "Docker", None, Some("OPS")),
    t("kubernetes", "Kubernetes", None, Some("OPS")),
    t("nginx", "nginx", None, Some("OPS")),
    t("tls", "TLS/SSL", None, None),
    t("ssh", "SSH", None, None),
    t("npm", "npm/yarn/pnpm", None, Some("JS")),
    t("html", "HTML/CSS", None, Some("HTML")),
];

/// The ID prefix for error entries of a technology (`PY` in `PY-007`).
pub fn error_prefix(slug: &str) -> &'static str {
    match slug {
        "python" | "django" | "flask" => "PY",
        "javascript" | "react" | "nodejs" => "JS",
        "typescript" => "TS",
        "php" | "laravel" => "PHP",
        "wordpress" => "WP",
        "java" | "spring" => "JAVA",
        "kotlin" => "KT",
        "csharp" => "CS",
        "vbnet" => "VB",
        "go" => "GO",
        "rust" => "RS",
        "c" => "C",
        "cpp" => "CPP",
        "sql" => "SQL",
        "bash" => "SH",
        "git" => "GIT",
        "docker" => "DOCK",
        "kubernetes" => "K8S",
        "nginx" => "NGX",
        "tls" => "TLS",
        "ssh" => "SSH",
        "npm" => "NPM",
        "html" => "HTML",
        "ai" => "AI",
        _ => "OPS",
    }
}

/// Looks a technology up by slug, case-insensitively.
pub fn tech(slug: &str) -> Option<&'static Tech> {
    TECHS.iter().find(|t| t.slug.eq_ignore_ascii_case(slug))
}

/// The slugs, for "valid choices are ..." messages.
pub fn tech_slugs() -> Vec<&'static str> {
    TECHS.iter().map(|t| t.slug).collect()
}

/// Interview topics.
pub const TOPICS: &[&str] = &[
    "Language Fundamentals",
    "Algorithms & Data Structures",
    "System Design",
    "DevOps & Tooling",
    "Security",
    "Performance",
    "Testing",
    "AI & Machine Learning",
];

/// Finds a topic by exact name, or by a case-insensitive prefix of one word ("devops").
pub fn topic(query: &str) -> Option<&'static str> {
    let q = query.trim().to_ascii_lowercase();
    if q.is_empty() {
        return None;
    }
    TOPICS
        .iter()
        .find(|t| t.to_ascii_lowercase() == q)
        .or_else(|| {
            TOPICS
                .iter()
                .find(|t| t.to_ascii_lowercase().starts_with(&q))
        })
        .copied()
}

/// Snippet categories.
pub const SNIPPET_CATEGORIES: &[&str] = &[
    "pattern",
    "utility",
    "query",
    "hook",
    "component",
    "script",
    "config",
    "test",
];
