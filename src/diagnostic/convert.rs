//! The one place where phase errors become diagnostics: message, labels, help.

use super::{Code, Diagnostic, Severity};
use crate::model::ModelError;
use crate::syntax::SyntaxError;
use crate::units::{ArithError, UnitError};

fn did_you_mean(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| format!("did you mean `{s}`?"))
}

/// `a layer`, `an ink`: the indefinite article for a word.
fn a(word: &str) -> String {
    let vowel = word
        .trim_start_matches('`')
        .starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']);
    format!("{} {word}", if vowel { "an" } else { "a" })
}

/// Places are described as `a KIND` where the error is made; mend the article.
fn mend_article(place: &str) -> String {
    match place.strip_prefix("a ") {
        Some(rest) => a(rest),
        None => place.to_string(),
    }
}

fn list(items: &[String]) -> String {
    match items {
        [] => "nothing".into(),
        [one] => format!("`{one}`"),
        _ => {
            let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
            quoted.join(", ")
        }
    }
}

impl From<&SyntaxError> for Diagnostic {
    fn from(e: &SyntaxError) -> Diagnostic {
        use SyntaxError as S;
        match e {
            S::Unexpected {
                span,
                expected,
                found,
                help,
            } => {
                let message = match (expected.as_slice(), found.is_empty()) {
                    ([], _) => format!("unexpected {found}"),
                    ([one], true) => format!("expected {one}"),
                    ([one], false) => format!("expected {one}, found {found}"),
                    (many, true) => format!("expected one of {}", many.join(", ")),
                    (many, false) => format!("expected one of {}, found {found}", many.join(", ")),
                };
                Diagnostic::new(Code::SyntaxUnexpected, message)
                    .primary(*span, "unexpected here")
                    .help_opt((!help.is_empty()).then(|| help.clone()))
            }
            S::TooDeep { span, limit } => Diagnostic::new(
                Code::SyntaxTooDeep,
                format!("brackets nested more than {limit} deep"),
            )
            .primary(*span, format!("level {} opens here", limit + 1))
            .help(
                "flatten the expression or the element tree; real specs nest a handful of levels",
            ),
            S::UnclosedBracket {
                open,
                expected,
                before: None,
            } => Diagnostic::new(Code::SyntaxUnclosed, "this bracket is never closed")
                .primary(*open, "opened here")
                .help(format!("add `{expected}` where the block ends")),
            S::UnclosedBracket {
                open,
                expected,
                before: Some(before),
            } => Diagnostic::new(Code::SyntaxUnclosed, "this block is never closed")
                .primary(*open, "opened here")
                .secondary(*before, "the indentation ends the block before this")
                .help(format!(
                    "add `{expected}` where the block ends; the rest of the file was read as if \
                     it were there"
                )),
            S::MismatchedBracket {
                open,
                close,
                expected,
                found,
            } => Diagnostic::new(
                Code::SyntaxMismatched,
                format!("`{found}` closes a bracket that needs `{expected}`"),
            )
            .primary(*close, format!("expected `{expected}`"))
            .secondary(*open, "opened here")
            .help(format!(
                "replace `{found}` with `{expected}`, or close the inner bracket first"
            )),
            S::UnmatchedClose { span, found } => Diagnostic::new(
                Code::SyntaxUnmatchedClose,
                format!("`{found}` closes nothing"),
            )
            .primary(*span, "no bracket is open here")
            .help("remove it, or add the opening bracket it belongs to"),
            S::UnterminatedString { span } => {
                Diagnostic::new(Code::SyntaxUnterminatedString, "string is not closed")
                    .primary(*span, "this string runs to the end of the line")
                    .help("close it with `\"`; strings do not span lines")
            }
            S::UnterminatedComment { span } => Diagnostic::new(
                Code::SyntaxUnterminatedComment,
                "block comment is never closed",
            )
            .primary(*span, "opened here")
            .help("close it with `*/`"),
            S::NumberTooLarge { span } => Diagnostic::new(
                Code::SyntaxNumberTooLarge,
                "number is too large for exact arithmetic",
            )
            .primary(*span, "more than 128 bits")
            .help("write it with a unit prefix or an exponent of a sensible size (e.g. `1.5e-3`)"),
            S::ZeroDenominator { span } => {
                Diagnostic::new(Code::SyntaxZeroDenominator, "fraction with denominator 0")
                    .primary(*span, "divides by zero")
                    .help("a fraction `a/b` needs b > 0")
            }
            S::UnitPower { span, power } => Diagnostic::new(
                Code::SyntaxUnitPower,
                format!("unit power `{power}` is out of range"),
            )
            .primary(*span, "powers run from -12 to 12, without 0")
            .help(
                if power
                    .trim_start_matches(['^', '-'])
                    .trim_start_matches('0')
                    .is_empty()
                {
                    "a unit to the power 0 is no unit: remove the factor, or give it a power \
                     from 1 to 12"
                } else {
                    "write `m2` or `m²` for square metres, `s^-1` or `s⁻¹` for per second"
                },
            ),
            S::ExpressionTooLong { span, limit } => Diagnostic::new(
                Code::SyntaxExpressionTooLong,
                format!("expression has more than {limit} operands"),
            )
            .primary(*span, format!("operand {} is past the limit", limit + 1))
            .help("split it over several entries, or compute the value beforehand"),
            S::InvisibleCharacter { span, character } => {
                let name =
                    crate::syntax::invisible_name(*character).unwrap_or("INVISIBLE CHARACTER");
                let code = format!("U+{:04X}", u32::from(*character));
                Diagnostic::new(
                    Code::SyntaxInvisibleCharacter,
                    format!("invisible character {code} {name} in the text"),
                )
                .primary(*span, format!("{code} is here"))
                .help(
                    "delete it: names that look the same must be the same, and text must read \
                     in the order it is shown",
                )
            }
            S::NoItems {
                span,
                only_comments,
            } => Diagnostic::new(
                Code::SyntaxNoItems,
                if *only_comments {
                    "this file holds only comments: nothing in it is checked"
                } else {
                    "nothing in this file was read as a spec, declaration, claim set or intent"
                },
            )
            .primary(*span, "the file's text starts here")
            .help(
                "uncomment what should be checked, or remove the file from the check; lines may \
                 end in `\\n`, `\\r\\n` or `\\r`",
            ),
            S::FileTooLarge { span: _, bytes } => Diagnostic::new(
                Code::SyntaxFileTooLarge,
                format!("file of {bytes} bytes is larger than the limit"),
            )
            // No label: its context lines would print the start of a huge file.
            .help(format!(
                "files are limited to {} bytes; split the specs over several files",
                crate::syntax::MAX_FILE_BYTES
            )),
        }
    }
}

impl From<&UnitError> for Diagnostic {
    fn from(e: &UnitError) -> Diagnostic {
        use UnitError as U;
        match e {
            U::UnknownUnit { span, name, suggestion } => Diagnostic::new(Code::UnitUnknown, format!("unknown unit `{name}`"))
                .primary(*span, "not a declared unit")
                .help(did_you_mean(suggestion).unwrap_or_else(|| {
                    format!("use a declared unit, or declare this one in your file: `unit {name} = FACTOR UNIT`; if `{name}` starts the next entry, end this one with `;`")
                })),
            U::Mismatch { span, op, left, right } => {
                let _ = span; // the two operands say it better than the whole
                Diagnostic::new(Code::UnitMismatch, format!("cannot combine {} with {} by `{op}`", left.1, right.1))
                    .primary(right.0, right.1.clone())
                    .secondary(left.0, left.1.clone())
                    .help("both sides must have the same dimension; convert one of them or fix the unit")
            }
            U::AbsoluteSum { left, right, .. } => Diagnostic::new(Code::UnitAbsoluteSum, "cannot add two absolute temperatures")
                .primary(*right, "absolute temperature added")
                .secondary(*left, "absolute temperature")
                .help("add a temperature difference in kelvin instead: `120 °C + 5 K`"),
            U::AbsoluteScaled { operand, op, .. } => {
                Diagnostic::new(Code::UnitAbsoluteScaled, format!("cannot use an absolute temperature with `{op}`"))
                    .primary(*operand, "absolute temperature")
                    .help("subtract a reference first: `(T - Tg) * t` multiplies a temperature difference")
            }
            U::AbsoluteNegated { span } => Diagnostic::new(Code::UnitAbsoluteNegated, "cannot negate an absolute temperature")
                .primary(*span, "negated temperature")
                .help("write the negative temperature as a literal (`-5 °C`) or negate a difference"),
            U::DifferenceMinusAbsolute { right, .. } => {
                Diagnostic::new(Code::UnitDifferenceMinusAbsolute, "cannot subtract an absolute temperature from a difference")
                    .primary(*right, "absolute temperature subtracted")
                    .help("subtract a difference in kelvin (`- 20 K`); an absolute temperature can only be subtracted from another one")
            }
            U::Arith { span, error } => {
                let (msg, help) = match error {
                    ArithError::Overflow => (
                        "exact value too large",
                        "use smaller numbers, or a unit nearer the size of the value (e.g. `mm` rather than `nm`)",
                    ),
                    ArithError::DivisionByZero => ("division by zero", "divide by a value that cannot be zero"),
                };
                Diagnostic::new(Code::UnitArithmetic, msg).primary(*span, error.to_string()).help(help)
            }
            U::NegativeTolerance { span, value } => {
                Diagnostic::new(Code::UnitNegativeTolerance, format!("tolerance {value} is negative"))
                    .primary(*span, "below zero")
                    .help("a tolerance `x ± d` needs d ≥ 0")
            }
            U::ReversedRange { low, high, .. } => {
                Diagnostic::new(Code::UnitReversedRange, format!("range starts at {} but ends at {}", low.1, high.1))
                    .primary(low.0, "low end exceeds the high end")
                    .secondary(high.0, "high end")
                    .help("write the smaller value first: `a .. b` with a ≤ b")
            }
            U::WrongType { span, expected, found, help } => {
                Diagnostic::new(Code::UnitWrongDimension, format!("expected {expected}, found {found}"))
                    .primary(*span, found.clone())
                    .help(help.clone())
            }
            U::BareNumber { span, expected, help } => {
                Diagnostic::new(Code::UnitBareNumber, format!("number without a unit where {expected} is required"))
                    .primary(*span, "no unit")
                    .help(help.clone())
            }
            U::TooDeep { span } => Diagnostic::new(Code::UnitTooDeep, "expression nested too deeply to evaluate")
                .primary(*span, "past the evaluation limit here")
                .help("split the expression, or compute part of it beforehand; every operator and parenthesis adds a level"),
        }
    }
}

impl From<&ModelError> for Diagnostic {
    fn from(e: &ModelError) -> Diagnostic {
        use ModelError as M;
        match e {
            M::Unit(u) => Diagnostic::from(u),
            M::Duplicate { what, name, span, previous } => {
                Diagnostic::new(Code::DeclDuplicate, format!("{what} `{name}` is declared twice"))
                    .primary(*span, "declared again here")
                    .secondary(*previous, "first declared here")
                    .help(format!("remove one declaration or give this {what} another name"))
            }
            M::TooManyBaseDimensions { span, name, declared } => Diagnostic::new(
                Code::DeclTooManyBases,
                format!(
                    "`{name}` would be base dimension number {} of the files, more than the {} there is room for",
                    declared.len() + 1,
                    crate::units::dim::USER_BASES
                ),
            )
            .primary(*span, "one base dimension too many")
            .help(format!(
                "the files declare {}; define this one from others (`dimension {name} = percent`) if it may compare with them, or drop a base that is not used",
                declared.join(", ")
            )),
            M::UnknownBaseDimension { span, name, suggestion, derived } => {
                let d = Diagnostic::new(Code::DeclUnknownBase, format!("`{name}` is not a base dimension"))
                    .primary(*span, if derived.is_some() { "a derived dimension" } else { "unknown base" });
                match derived {
                    Some(formula) => d.help(format!(
                        "`{name}` is {formula}: declare the unit as a multiple of one of its units (`unit U = 1 g/m2`), not as a base"
                    )),
                    None => d.help(did_you_mean(suggestion).unwrap_or_else(|| {
                        format!(
                            "`unit U = base D` needs a base dimension D: the compiler's ({}) or one a file declares with `dimension {name} = base`",
                            crate::units::dim::BASE_NAMES.join(", ")
                        )
                    })),
                }
            }
            M::UnknownDimension { span, name, suggestion } => {
                Diagnostic::new(Code::DeclUnknownDimension, format!("unknown dimension `{name}`"))
                    .primary(*span, "not declared")
                    .help(did_you_mean(suggestion).unwrap_or_else(|| {
                        format!("declare it first: `dimension {name} = FORMULA`, a formula over declared dimensions such as `mass / length^2`")
                    }))
            }
            M::UnknownAmountKind { span, name } => {
                Diagnostic::new(Code::DeclUnknownAmountKind, format!("components cannot be given in `{name}`"))
                    .primary(*span, "not an amount kind")
                    .help("list only coat_weight, mass_fraction or phr after `amounts`")
            }
            M::UnknownKind { span, name, suggestion } => {
                Diagnostic::new(Code::NameUnknownKind, format!("unknown element kind `{name}`"))
                    .primary(*span, "not declared")
                    .help(did_you_mean(suggestion).unwrap_or_else(|| format!("declare it first: `element {name} in PARENT`")))
            }
            M::UnknownMaterial { span, name, suggestion } => {
                Diagnostic::new(Code::NameUnknownMaterial, format!("unknown material `{name}`"))
                    .primary(*span, "not in the taxonomy")
                    .help(did_you_mean(suggestion).unwrap_or_else(|| {
                        format!("declare it with its genus: `material {name} : GENUS`")
                    }))
            }
            M::TaxonomyCycle { span, name } => {
                Diagnostic::new(Code::DeclTaxonomyCycle, format!("material `{name}` is its own genus"))
                    .primary(*span, "on a cycle of genus declarations")
                    .help("a genus must be more general than its species; remove one link of the cycle")
            }
            M::KindCycle { span, name } => Diagnostic::new(
                Code::DeclTaxonomyCycle,
                format!("element kind `{name}` is a sort of itself"),
            )
            .primary(*span, "on a cycle of `: KIND` declarations")
            .help("a kind must be a sort of a more general kind; remove one link of the cycle"),
            M::ZeroUnit { span, name } => Diagnostic::new(Code::DeclZeroUnit, format!("unit `{name}` has the factor 0"))
                .primary(*span, "zero factor")
                .help(format!("give the number of right-hand units in one `{name}`, e.g. `unit {name} = 1 g/m2`")),
            M::MolarMassMissing { span, material } => {
                Diagnostic::new(Code::DeclMolarMassMissing, format!("`{material}` has no molar mass"))
                    .primary(*span, "anhydrous form declared here")
                    .help(format!("give both forms a molar mass: `material {material} ... {{ molar_mass = ... g/mol }}`"))
            }
            M::UnknownName { span, name, place, suggestion } => {
                Diagnostic::new(Code::NameUnknown, format!("`{name}` is not known in {}", mend_article(place)))
                    .primary(*span, "no property, element kind or material of this name")
                    .help(did_you_mean(suggestion).unwrap_or_else(|| {
                        "properties and materials are declared in the prelude; declare new ones in your own file".into()
                    }))
            }
            M::NotTopLevel { span, name, allowed_in } => {
                Diagnostic::new(Code::NameNotTopLevel, format!("{} cannot stand at the top level", a(&format!("`{name}`"))))
                    .primary(*span, "top-level element")
                    .help(format!("put it inside {}", list(allowed_in)))
            }
            M::Misplaced { span, name, place, allowed_in } => {
                Diagnostic::new(
                    Code::NameMisplaced,
                    format!("{} cannot stand in {}", a(&format!("`{name}`")), a(&format!("`{place}`"))),
                )
                .primary(*span, format!("inside {}", a(place)))
                    .help(format!("put it inside {}", list(allowed_in)))
            }
            M::DuplicateName { span, previous, kind, name } => {
                Diagnostic::new(Code::NameDuplicate, format!("`{kind} \"{name}\"` is defined twice"))
                    .primary(*span, "this name is taken")
                    .secondary(*previous, "first used here")
                    .help(format!("rename one of them; a reference to a {kind} by name must find exactly one"))
            }
            M::DuplicateEntry { span, previous, name, place } => {
                Diagnostic::new(Code::NameDuplicateEntry, format!("`{name}` is given twice in {place}"))
                    .primary(*span, "given again here")
                    .secondary(*previous, "first given here")
                    .help("keep one; if these are two components of one material, name each: `silica \"fine\" = ...`")
            }
            M::UnresolvedRef { span, name, kind, suggestion } => {
                Diagnostic::new(Code::NameUnresolvedRef, format!("no {kind} named \"{name}\""))
                    .primary(*span, "refers to nothing")
                    .help(match suggestion {
                        Some(s) => format!("did you mean `\"{s}\"`?"),
                        None => format!("define the {kind} or fix the name"),
                    })
            }
            M::VariantCycle { span, name } => Diagnostic::new(
                Code::NameVariantCycle,
                format!("\"{name}\" is a variant of itself"),
            )
            .primary(*span, "this `from` closes the cycle")
            .help("a variant names the element it differs from; one of the chain must be written out in full"),
            M::AmbiguousRef { span, name, kind, candidates } => {
                let mut d = Diagnostic::new(Code::NameAmbiguousRef, format!("\"{name}\" names {} {kind}s", candidates.len()))
                    .primary(*span, "ambiguous");
                for c in candidates {
                    d = d.secondary(*c, "candidate");
                }
                d.help(format!("rename one of the candidates so that \"{name}\" names one {kind}"))
            }
            M::PhrTarget { span, name, suggestion } => {
                Diagnostic::new(Code::NamePhrTarget, format!("`of {name}` names no component of this element"))
                    .primary(*span, "not a component here")
                    .help(did_you_mean(suggestion).unwrap_or_else(|| {
                        "parts per hundred are relative to a component (by material or name) of the same element".into()
                    }))
            }
            M::MissingValue { span, name, expected } => Diagnostic::new(Code::ValueMissing, format!("`{name}` needs a value"))
                .primary(*span, "no value")
                .help(format!("give it a value ({expected}): `{name} = ...`")),
            M::UnexpectedValue { span, name } => {
                Diagnostic::new(Code::ValueUnexpected, format!("`{name}` is an element, not a property"))
                    .primary(*span, "elements take no `=` value")
                    .help(format!("describe it in braces: `{name} {{ ... }}`"))
            }
            M::UnexpectedBody { span, name } => {
                Diagnostic::new(Code::ValueUnexpectedBody, format!("property `{name}` cannot have a body"))
                    .primary(*span, "braces after a property")
                    .help(format!("remove the braces: a property takes only a value, `{name} = ...`; write a tolerance as `x ± d` and a range as `a .. b`"))
            }
            M::UnexpectedLabel { span, name } => {
                Diagnostic::new(Code::ValueUnexpectedLabel, format!("property `{name}` cannot be named"))
                    .primary(*span, "name of a property")
                    .help(format!("remove the name: `{name} = ...`; only elements and components are named"))
            }
            M::WrongValue { span, name, expected, found, help } => {
                Diagnostic::new(Code::ValueWrong, format!("`{name}` takes {expected}, found {found}"))
                    .primary(*span, found.clone())
                    .help(help.clone())
            }
            M::NotAChoice { span, value, name, choices, suggestion } => {
                Diagnostic::new(Code::ValueNotAChoice, format!("`{value}` is not a choice of `{name}`"))
                    .primary(*span, "not one of the choices")
                    .help(did_you_mean(suggestion).unwrap_or_else(|| format!("choose one of {}", list(choices))))
            }
            M::NotOfGenus { span, material, genus } => {
                Diagnostic::new(Code::ValueNotOfGenus, format!("`{material}` is not a {genus}"))
                    .primary(*span, format!("not a species of {genus}"))
                    .help(format!("choose a species of {genus}, or declare `{material}` as one"))
            }
            M::Negative { span, what, value } => Diagnostic::new(Code::ValueNegative, format!("{what} cannot be negative"))
                .primary(*span, value.clone())
                .help("check the sign: amounts, lengths, times and pressures are zero or more"),
            M::BelowAbsoluteZero { span, value } => {
                Diagnostic::new(Code::ValueBelowAbsoluteZero, format!("temperature {value} is below absolute zero"))
                    .primary(*span, "below 0 K (-273.15 °C)")
                    .help("check the sign and the unit")
            }
            M::FractionOver100 { span, value } => Diagnostic::new(Code::ValueFractionOver100, format!("fraction {value} exceeds 100 %"))
                .primary(*span, "more than the whole")
                .help("a mass or volume fraction lies between 0 and 100"),
            M::AmountNotAllowed { span, place, found, allowed } => {
                Diagnostic::new(
                    Code::ValueAmountNotAllowed,
                    format!("a component of {} cannot be given as {found}", a(&format!("`{place}`"))),
                )
                    .primary(*span, found.clone())
                    .help(format!("give it as {}", allowed.join(" or ")))
            }
            M::NoComponents { span, material, place, allowed_in } => {
                Diagnostic::new(
                    Code::ValueNoComponents,
                    format!("{} has no components, but `{material}` is a material", a(&format!("`{place}`"))),
                )
                .primary(*span, "material listed here")
                .help(format!("put `{material}` inside an element that has components: {}", list(allowed_in)))
            }
            M::TooManyComponents { span, limit } => {
                Diagnostic::new(Code::ValueTooManyComponents, format!("more than {limit} components in one element"))
                    .primary(*span, "this one is past the limit")
                    .help("split the element, or group minor components")
            }
            M::TooDeep { span, limit } => Diagnostic::new(Code::ModelTooDeep, format!("elements nested more than {limit} deep"))
                .primary(*span, "too deep")
                .help("flatten the element tree; real specs nest a handful of levels"),
            M::PhrCycle { span, name } => {
                Diagnostic::new(Code::DerivePhrCycle, format!("the amount of `{name}` is relative to itself"))
                    .primary(*span, "parts per hundred of a sum that contains this component")
                    .help("give one amount of the chain as g/m² or wt%, or make `of` name components that do not include this one")
            }
            M::PercentSum { span, parts, sum } => {
                let mut d = Diagnostic::new(Code::DerivePercentSum, format!("components add up to {sum}, more than 100 wt%"))
                    .primary(*span, "in this element");
                for p in parts {
                    d = d.secondary(*p, "counted");
                }
                d.help("the wt% of the components of one element add up to 100 at most")
            }
            M::PartsExceedTotal { total, total_value, parts, sum } => {
                let mut d = Diagnostic::new(
                    Code::DerivePartsExceedTotal,
                    format!("components weigh at least {sum}, more than the total {total_value}"),
                )
                .primary(*total, format!("total {total_value}"));
                for p in parts {
                    d = d.secondary(*p, "part");
                }
                d.help("correct the total or one of the parts")
            }
            M::PercentShort { span, parts, sum, missing } => {
                let mut d = Diagnostic::new(Code::DerivePercentShort, format!("components add up to {sum}, less than 100 wt%"))
                    .primary(*span, format!("{missing} not accounted for"));
                for p in parts {
                    d = d.secondary(*p, "counted");
                }
                d.help("list the remaining components (e.g. water or additives) or correct the fractions")
            }
            M::PartsShortOfTotal { total, total_value, parts, sum, missing } => {
                let mut d = Diagnostic::new(
                    Code::DerivePartsShortOfTotal,
                    format!("components weigh at most {sum}, less than the total {total_value}"),
                )
                .primary(*total, format!("{missing} not accounted for"))
                .severity(Severity::Warning);
                for p in parts {
                    d = d.secondary(*p, "part");
                }
                d.help("list the remaining components (e.g. additives) or correct the total")
            }
        }
    }
}

impl From<&crate::modules::ModuleError> for Diagnostic {
    fn from(e: &crate::modules::ModuleError) -> Diagnostic {
        use crate::modules::ModuleError as M;
        match e {
            M::Ambiguous { span, name, candidates } => {
                let mut d = Diagnostic::new(
                    Code::ModuleAmbiguous,
                    format!("`{name}` means {} different things here", candidates.len()),
                )
                .primary(*span, "which one?");
                for (qualified, at) in candidates {
                    d = d.secondary(*at, format!("`{qualified}` is declared here"));
                }
                let names: Vec<String> = candidates
                    .iter()
                    .map(|(q, _)| format!("`{q}`"))
                    .collect();
                d.help(format!(
                    "write the qualified name: {} (the declarations differ, so they are not merged)",
                    names.join(" or ")
                ))
            }
            M::UnknownModule { span, name, suggestion } => Diagnostic::new(
                Code::ModuleUnknown,
                format!("no file declares `module {name}`"),
            )
            .primary(*span, "unknown module")
            .help(did_you_mean(suggestion).unwrap_or_else(|| {
                format!("`{name}::…` names a declaration of the file that says `module {name}`: give that file too, or `import` it")
            })),
            M::DuplicateModule { span, previous, name, same_file } => Diagnostic::new(
                Code::ModuleDuplicate,
                if *same_file {
                    format!("this file already says `module {name}`")
                } else {
                    format!("two files declare `module {name}`")
                },
            )
            .primary(*span, "declared again here")
            .secondary(*previous, "first declared here")
            .help(if *same_file {
                "a file is one module: remove this line".to_string()
            } else {
                "each file's module needs a name of its own (e.g. the team's or the patent's)".to_string()
            }),
            M::QualifiedModuleName { span, name } => Diagnostic::new(
                Code::ModuleDuplicate,
                format!("a module name is one name, not `{name}`"),
            )
            .primary(*span, "contains `::`")
            .help("name the module with letters, digits and `_`"),
            M::ImportNotFound { span, path, reason } => Diagnostic::new(
                Code::ImportNotFound,
                format!("cannot import `{path}`: {reason}"),
            )
            .primary(*span, "imported here")
            .help("an import's path is relative to the folder of the file that imports"),
            M::ImportOutsideRoot { span, path, root } => Diagnostic::new(
                Code::ImportOutsideRoot,
                format!("`{path}` is outside the project root `{root}`"),
            )
            .primary(*span, "imported here")
            .help("imports stay inside the project: copy the file into it, or run mediac with `--root` set to a folder that holds both"),
            M::ImportCycle { span, files } => {
                let d = Diagnostic::new(
                    Code::ImportCycle,
                    match files.as_slice() {
                        [one, again] if one == again => format!("`{one}` imports itself"),
                        _ => format!("these files import each other: {}", files.join(" → ")),
                    },
                )
                .primary(*span, "this import closes the cycle");
                if files.len() == 2 {
                    d.help("remove this import: a file always sees its own names")
                } else {
                    d.help("move what the files share into a third file that each imports")
                }
            }
            M::ImportWithoutFolder { span, file } => Diagnostic::new(
                Code::ImportNotFound,
                format!("`{file}` is not a file on disk, so its imports have no folder"),
            )
            .primary(*span, "imported here"),
        }
    }
}
