//! "Did you mean" for names: the closest known name by edit distance, if it is close enough to
//! be a plausible slip.

/// The candidate closest to `name`, when it is within a third of the name's length (at least
/// one edit) or differs only in case.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let limit = (name.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let d = if c.to_lowercase() == lower {
            0
        } else {
            strsim::damerau_levenshtein(name, c)
        };
        // Ties go to the alphabetically first name so that messages are stable.
        let better = match best {
            None => true,
            Some((bd, bc)) => d < bd || (d == bd && c < bc),
        };
        if d <= limit && better {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_plausible_slips() {
        let names = ["silica", "alumina", "polyvinyl_alcohol"];
        assert_eq!(closest("silca", names.iter().copied()), Some("silica"));
        assert_eq!(closest("ALUMINA", names.iter().copied()), Some("alumina"));
        assert_eq!(closest("zeolite", names.iter().copied()), None);
    }
}
