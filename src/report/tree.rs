//! The dependency tree of a claim set (`mediac tree`): independent claims at the roots, each
//! dependent claim under its parent, as text, Graphviz dot or a self-contained SVG; with a
//! subject, each claim's verdict for it.
//!
//! Contract: a claim with several parents ("according to claim 1 or 2") is drawn under its
//! first parent and marked, under each other parent, as "→ also under N"; in dot and SVG its
//! edges from the other parents are dashed. Claim numbers and words come from the claim set;
//! nothing here evaluates.

use crate::claims::{ClaimSet, Item};
use crate::eval::Verdict;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What to show beside each claim: its verdict for the subject, when one is given.
pub struct Tree<'a> {
    pub set: &'a ClaimSet,
    pub verdicts: BTreeMap<u32, Verdict>,
    /// "for process "FixPress roller printing"", when verdicts are shown.
    pub subject: Option<String>,
}

/// The first words of a claim: its first limitation's or binder's.
fn words(set: &ClaimSet, n: u32) -> String {
    let Some(c) = set.claim(n) else {
        return String::new();
    };
    let w = c.items.iter().find_map(|i| match i {
        Item::Limitation(l) => Some(l.words.clone()),
        Item::Binder(b) => b.words.as_ref().map(|(w, _)| w.clone()),
    });
    let w = w.unwrap_or_default();
    let cut: String = w.chars().take(60).collect();
    if cut.len() < w.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

fn children(set: &ClaimSet) -> BTreeMap<u32, Vec<u32>> {
    let mut out: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for c in &set.claims {
        for p in &c.parents {
            out.entry(*p).or_default().push(c.number);
        }
    }
    out
}

fn first_parent(set: &ClaimSet, n: u32) -> Option<u32> {
    set.claim(n).and_then(|c| c.parents.first().copied())
}

impl Tree<'_> {
    fn verdict(&self, n: u32) -> String {
        match self.verdicts.get(&n) {
            Some(v) => v.words().to_string(),
            None if self.subject.is_some() => "—".into(),
            None => String::new(),
        }
    }

    fn header(&self) -> String {
        let mut h = format!(
            "{} — {} ({} claims)",
            self.set.id,
            self.set.title,
            self.set.claims.len()
        );
        if let Some(s) = &self.subject {
            let _ = write!(h, ", verdicts for {s}");
        }
        h
    }

    pub fn text(&self) -> String {
        let set = self.set;
        let kids = children(set);
        let mut out = self.header() + "\n";
        let mut lines: Vec<(String, String)> = Vec::new();
        let roots: Vec<u32> = set
            .claims
            .iter()
            .filter(|c| c.parents.is_empty())
            .map(|c| c.number)
            .collect();
        let mut stack: Vec<(u32, String, bool, bool, u32)> = roots
            .iter()
            .rev()
            .enumerate()
            .map(|(i, n)| (*n, String::new(), i == 0, true, 0))
            .collect();
        // (claim, prefix, last among siblings, root, parent)
        let mut guard = 0;
        while let Some((n, prefix, last, root, parent)) = stack.pop() {
            guard += 1;
            if guard > 10 * set.claims.len() + 10 {
                break;
            }
            let category = set.claim(n).map_or("?", |c| c.category.name());
            let branch = if root {
                String::new()
            } else if last {
                format!("{prefix}└── ")
            } else {
                format!("{prefix}├── ")
            };
            let secondary = !root && first_parent(set, n) != Some(parent);
            let label = if secondary {
                format!(
                    "{branch}{n} → also under {}",
                    first_parent(set, n).unwrap_or(0)
                )
            } else {
                format!("{branch}{n} ({category}) {}", words(set, n))
            };
            lines.push((
                label,
                if secondary {
                    String::new()
                } else {
                    self.verdict(n)
                },
            ));
            if secondary {
                continue;
            }
            let child_prefix = if root {
                String::new()
            } else if last {
                format!("{prefix}    ")
            } else {
                format!("{prefix}│   ")
            };
            let ks = kids.get(&n).cloned().unwrap_or_default();
            for (i, k) in ks.iter().enumerate().rev() {
                stack.push((*k, child_prefix.clone(), i + 1 == ks.len(), false, n));
            }
        }
        let width = lines
            .iter()
            .map(|(l, _)| l.chars().count())
            .max()
            .unwrap_or(0);
        for (l, v) in lines {
            if v.is_empty() {
                let _ = writeln!(out, "{l}");
            } else {
                let pad = width + 2 - l.chars().count();
                let _ = writeln!(out, "{l}{}{v}", " ".repeat(pad));
            }
        }
        out
    }

    pub fn dot(&self) -> String {
        let set = self.set;
        let mut out = format!(
            "digraph \"{}\" {{\n  label=\"{}\";\n  rankdir=LR;\n  node [shape=box, fontname=\"sans-serif\"];\n",
            esc(&set.id),
            esc(&self.header())
        );
        for c in &set.claims {
            let v = self.verdict(c.number);
            let color = match self.verdicts.get(&c.number) {
                Some(Verdict::Met) => ", style=filled, fillcolor=\"#c8e6c9\"",
                Some(Verdict::NotMet) => ", style=filled, fillcolor=\"#ffcdd2\"",
                Some(Verdict::PartlyMet | Verdict::Arguable) => {
                    ", style=filled, fillcolor=\"#fff9c4\""
                }
                Some(Verdict::Undetermined) => ", style=filled, fillcolor=\"#eeeeee\"",
                None => "",
            };
            let v = if v.is_empty() { v } else { format!("\\n{v}") };
            let _ = writeln!(
                out,
                "  c{} [label=\"{} ({})\\n{}{}\"{}];",
                c.number,
                c.number,
                c.category.name(),
                esc(&words(set, c.number)),
                esc(&v),
                color
            );
        }
        for c in &set.claims {
            for (i, p) in c.parents.iter().enumerate() {
                let style = if i == 0 { "" } else { " [style=dashed]" };
                let _ = writeln!(out, "  c{p} -> c{}{style};", c.number);
            }
        }
        out.push_str("}\n");
        out
    }

    pub fn svg(&self) -> String {
        let set = self.set;
        // Rows in the order of the text tree, columns by depth along first parents.
        let text = self.text();
        let mut rows: Vec<u32> = Vec::new();
        for line in text.lines().skip(1) {
            let t = line.trim_start_matches(['│', '├', '└', '─', ' ']);
            if t.contains("→ also under") {
                continue;
            }
            if let Some(n) = t.split(' ').next().and_then(|n| n.parse::<u32>().ok()) {
                rows.push(n);
            }
        }
        let depth = |n: u32| {
            let mut d = 0;
            let mut cur = n;
            while let Some(p) = first_parent(set, cur) {
                d += 1;
                cur = p;
                if d > 64 {
                    break;
                }
            }
            d
        };
        let (bw, bh, dx, dy) = (300.0, 34.0, 40.0, 44.0);
        let pos: BTreeMap<u32, (f64, f64)> = rows
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, (20.0 + f64::from(depth(*n)) * dx, 50.0 + i as f64 * dy)))
            .collect();
        let title_width = 40.0 + self.header().chars().count() as f64 * 8.8;
        let width = pos
            .values()
            .map(|(x, _)| x + bw + 20.0)
            .fold(title_width, f64::max);
        let height = 70.0 + rows.len() as f64 * dy;
        let mut o = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"20\" y=\"26\" font-size=\"14\" font-weight=\"bold\">{}</text>\n",
            esc_xml(&self.header())
        );
        for c in &set.claims {
            for (i, p) in c.parents.iter().enumerate() {
                let (Some((px, py)), Some((cx, cy))) = (pos.get(p), pos.get(&c.number)) else {
                    continue;
                };
                let dash = if i == 0 {
                    ""
                } else {
                    " stroke-dasharray=\"5 4\""
                };
                let _ = writeln!(
                    o,
                    "<path d=\"M{} {} V{} H{}\" fill=\"none\" stroke=\"#555\"{dash}/>",
                    px + 12.0,
                    py + bh,
                    cy + bh / 2.0,
                    cx
                );
            }
        }
        for n in &rows {
            let Some((x, y)) = pos.get(n) else { continue };
            let fill = match self.verdicts.get(n) {
                Some(Verdict::Met) => "#c8e6c9",
                Some(Verdict::NotMet) => "#ffcdd2",
                Some(Verdict::PartlyMet | Verdict::Arguable) => "#fff9c4",
                Some(Verdict::Undetermined) => "#eeeeee",
                None => "#ffffff",
            };
            let category = set.claim(*n).map_or("?", |c| c.category.name());
            let v = self.verdict(*n);
            let _ = writeln!(
                o,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{bh}\" rx=\"4\" fill=\"{fill}\" stroke=\"#333\"/>\n<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{n} ({category}){}</text>\n<text x=\"{}\" y=\"{}\">{}</text>",
                x + 6.0,
                y + 14.0,
                if v.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", esc_xml(&v))
                },
                x + 6.0,
                y + 28.0,
                esc_xml(&short(&words(set, *n), 44))
            );
        }
        o.push_str("</svg>\n");
        o
    }
}

/// At most `n` characters, with `…` where cut.
fn short(s: &str, n: usize) -> String {
    let s = s.trim_end_matches('…');
    if s.chars().count() <= n {
        return s.to_string();
    }
    let cut: String = s.chars().take(n - 1).collect();
    format!("{cut}…")
}

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn esc_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
