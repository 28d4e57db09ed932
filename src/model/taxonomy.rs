//! The materials taxonomy: genus → species, with molar masses for hydrates.
//!
//! A material may have several parents (polyvinyl alcohol is a binder and a water-soluble
//! polymer). Membership is precomputed as each material's sorted set of ancestors (itself
//! included), so `is_a` is a binary search and a genus sum is linear in the components.

use crate::source::Span;
use crate::units::Exact;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MaterialId(pub u32);

#[derive(Debug, Clone)]
pub struct Material {
    pub name: String,
    pub label: String,
    pub parents: Vec<MaterialId>,
    /// g/mol, when declared.
    pub molar_mass: Option<Exact>,
    /// For a hydrate: the anhydrous form whose concentration "in terms of anhydride" means.
    pub anhydrous: Option<MaterialId>,
    pub span: Span,
    /// Sorted; includes the material itself.
    ancestors: Vec<MaterialId>,
}

#[derive(Debug, Default, Clone)]
pub struct Taxonomy {
    materials: Vec<Material>,
    by_name: HashMap<String, MaterialId>,
    /// Per material, the set of its species (itself included) as a bitset over material ids;
    /// filled by [`Taxonomy::close`].
    descendants: Vec<Vec<u64>>,
}

impl Taxonomy {
    pub fn add(&mut self, name: &str, label: String, span: Span) -> MaterialId {
        // The species sets are stale until the next `close`.
        self.descendants.clear();
        let id = MaterialId(u32::try_from(self.materials.len()).unwrap_or(u32::MAX));
        self.materials.push(Material {
            name: name.to_string(),
            label,
            parents: Vec::new(),
            molar_mass: None,
            anhydrous: None,
            span,
            ancestors: Vec::new(),
        });
        self.by_name.insert(name.to_string(), id);
        id
    }

    pub fn alias(&mut self, alias: &str, id: MaterialId) {
        self.by_name.insert(alias.to_string(), id);
    }

    pub fn lookup(&self, name: &str) -> Option<MaterialId> {
        self.by_name.get(name).copied()
    }

    pub fn get(&self, id: MaterialId) -> Option<&Material> {
        self.materials.get(id.0 as usize)
    }

    pub fn get_mut(&mut self, id: MaterialId) -> Option<&mut Material> {
        self.materials.get_mut(id.0 as usize)
    }

    pub fn name(&self, id: MaterialId) -> &str {
        self.get(id).map_or("?", |m| m.name.as_str())
    }

    pub fn label(&self, id: MaterialId) -> &str {
        self.get(id).map_or("?", |m| m.label.as_str())
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.materials.len()
    }

    pub fn is_empty(&self) -> bool {
        self.materials.is_empty()
    }

    /// `species` is `genus` or one of its (transitive) species.
    pub fn is_a(&self, species: MaterialId, genus: MaterialId) -> bool {
        self.get(species)
            .is_some_and(|m| m.ancestors.binary_search(&genus).is_ok())
    }

    /// Computes every material's ancestor set. Returns the materials that sit on a cycle
    /// (each reported once); their ancestor sets stop at the cycle.
    pub fn close(&mut self) -> Vec<MaterialId> {
        let n = self.materials.len();
        let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
        let mut cyclic = Vec::new();
        for start in 0..n {
            // Iterative DFS: a taxonomy is user data and may be as deep as the user likes.
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if *next == 0 {
                    match state.get(node) {
                        Some(2) => {
                            stack.pop();
                            continue;
                        }
                        _ => {
                            if let Some(s) = state.get_mut(node) {
                                *s = 1;
                            }
                        }
                    }
                }
                let parent = self
                    .materials
                    .get(node)
                    .and_then(|m| m.parents.get(*next))
                    .copied();
                *next += 1;
                match parent {
                    Some(p) => {
                        let p = p.0 as usize;
                        match state.get(p) {
                            Some(0) => stack.push((p, 0)),
                            Some(1) => {
                                let id = MaterialId(u32::try_from(node).unwrap_or(u32::MAX));
                                if !cyclic.contains(&id) {
                                    cyclic.push(id);
                                }
                            }
                            _ => {}
                        }
                    }
                    None => {
                        let me = MaterialId(u32::try_from(node).unwrap_or(u32::MAX));
                        let mut anc = vec![me];
                        if let Some(m) = self.materials.get(node) {
                            for p in &m.parents {
                                if let Some(pm) = self.materials.get(p.0 as usize) {
                                    anc.extend_from_slice(&pm.ancestors);
                                }
                            }
                        }
                        anc.sort_unstable();
                        anc.dedup();
                        if let Some(m) = self.materials.get_mut(node) {
                            m.ancestors = anc;
                        }
                        if let Some(s) = state.get_mut(node) {
                            *s = 2;
                        }
                        stack.pop();
                    }
                }
            }
        }
        // Species sets, so that `may_be` is a word-wise intersection, not a scan.
        let words = n.div_ceil(64);
        let mut desc = vec![vec![0u64; words]; n];
        for (i, m) in self.materials.iter().enumerate() {
            for a in &m.ancestors {
                if let Some(w) = desc.get_mut(a.0 as usize).and_then(|d| d.get_mut(i / 64)) {
                    *w |= 1u64 << (i % 64);
                }
            }
        }
        self.descendants = desc;
        cyclic
    }

    /// Whether a component named as `stated` could be a `genus` without being stated as one:
    /// some material is both (the stated name is more general, as `magnesium_salt` against
    /// `water_soluble_magnesium_salt`, or shares a species, as `thermoplastic_particles` with
    /// `binder` in a film-forming latex). Such membership is unknown, not absent.
    pub fn may_be(&self, stated: MaterialId, genus: MaterialId) -> bool {
        if self.is_a(stated, genus) {
            return false;
        }
        match (
            self.descendants.get(stated.0 as usize),
            self.descendants.get(genus.0 as usize),
        ) {
            (Some(a), Some(b)) => a.iter().zip(b).any(|(x, y)| x & y != 0),
            // Before `close`: scan.
            _ => self.materials.iter().any(|m| {
                m.ancestors.binary_search(&stated).is_ok()
                    && m.ancestors.binary_search(&genus).is_ok()
            }),
        }
    }

    /// Whether the name leaves the hydrate state open: it has no molar mass, and a hydrate
    /// is among its species (`borax`: anhydrous, penta- or decahydrate).
    pub fn hydrate_state_open(&self, id: MaterialId) -> bool {
        self.get(id)
            .is_some_and(|m| m.molar_mass.is_none() && m.anhydrous.is_none())
            && self
                .materials
                .iter()
                .any(|m| m.anhydrous.is_some() && m.ancestors.binary_search(&id).is_ok())
    }

    /// The names of the species of a material that have a molar mass (for "name the species").
    pub fn species_with_molar_mass(&self, id: MaterialId) -> Vec<&str> {
        self.materials
            .iter()
            .filter(|m| m.molar_mass.is_some() && m.ancestors.binary_search(&id).is_ok())
            .map(|m| m.name.as_str())
            .collect()
    }

    /// For a hydrate: its anhydrous form and the factor M(anhydrous) / M(hydrate) that turns
    /// a concentration of the hydrate into one "in terms of anhydride"; for a material that is
    /// not a hydrate, itself and 1. `None` when unknown (missing molar masses, or a name that
    /// does not say its hydrate state).
    pub fn anhydride_factor(&self, id: MaterialId) -> Option<(MaterialId, Exact)> {
        let m = self.get(id)?;
        if self.hydrate_state_open(id) {
            return None;
        }
        match m.anhydrous {
            None => Some((id, Exact::ONE)),
            Some(a) => {
                let ma = self.get(a)?.molar_mass?;
                let mh = m.molar_mass?;
                Some((a, ma.div(mh).ok()?))
            }
        }
    }
}
