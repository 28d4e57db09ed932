//! "Did you mean" for names: the closest known name by edit distance, if it is close enough to
//! be a plausible slip.

/// Longest name (in characters) that edit distances are computed for.
pub const MAX_EDIT_LEN: usize = 128;

/// The candidate closest to `name`, when it is within a third of the name's length (at least
/// one edit) or differs only in case.
///
/// The work is bounded: a candidate whose length differs from the name's by more than the limit
/// cannot be within it and is skipped before any distance is computed, and names longer than
/// [`MAX_EDIT_LEN`] characters are only compared ignoring case (an edit distance costs the
/// product of the two lengths).
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let len = name.chars().count();
    let limit = (len / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let c_len = c.chars().count();
        if c_len.abs_diff(len) > limit {
            continue;
        }
        let d = if c.to_lowercase() == lower {
            0
        } else if len > MAX_EDIT_LEN || c_len > MAX_EDIT_LEN {
            continue;
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

    #[test]
    fn long_names_cost_no_edit_distance() {
        let long = "N".repeat(64 * 1024);
        let other = format!("{}X", "N".repeat(64 * 1024 - 1));
        // Within a third of the length, but too long to compare: no suggestion, at once.
        assert_eq!(closest(&long, [other.as_str()].into_iter()), None);
        let upper = long.to_uppercase();
        assert_eq!(
            closest(&upper, [long.as_str()].into_iter()),
            Some(long.as_str())
        );
    }
}
