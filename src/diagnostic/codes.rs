//! Every diagnostic code, with its default severity and a one-line summary. Codes are stable:
//! tools match on them. docs/diagnostics.md has an entry for each (a test checks that).

use super::Severity;

macro_rules! codes {
    ($( $variant:ident = $code:literal, $sev:ident, $summary:literal; )*) => {
        /// A stable diagnostic code such as `media::unit::mismatch`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $( $variant, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// One line saying what the code means (for rule lists and docs).
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }
        }
    };
}

codes! {
    IoRead = "media::io::read", Error, "a file or folder could not be read";
    IoWrite = "media::io::write", Error, "a file could not be written";
    IoEmptyFolder = "media::io::empty_folder", Warning, "a folder given as input holds no .media file";

    SyntaxUnexpected = "media::syntax::unexpected", Error, "the text does not follow the grammar";
    SyntaxTooDeep = "media::syntax::too_deep", Error, "brackets nested deeper than the limit";
    SyntaxUnclosed = "media::syntax::unclosed", Error, "a bracket is never closed";
    SyntaxMismatched = "media::syntax::mismatched_bracket", Error, "a bracket is closed by the wrong kind of bracket";
    SyntaxUnmatchedClose = "media::syntax::unmatched_close", Error, "a closing bracket has no opening bracket";
    SyntaxUnterminatedString = "media::syntax::unterminated_string", Error, "a string is not closed on its line";
    SyntaxUnterminatedComment = "media::syntax::unterminated_comment", Error, "a block comment is never closed";
    SyntaxNumberTooLarge = "media::syntax::number_too_large", Error, "a number does not fit exact 128-bit arithmetic";
    SyntaxZeroDenominator = "media::syntax::zero_denominator", Error, "a fraction has the denominator 0";
    SyntaxUnitPower = "media::syntax::unit_power", Error, "a unit power is 0 or beyond ±12";
    SyntaxExpressionTooLong = "media::syntax::expression_too_long", Error, "an expression has more operands than the limit";
    SyntaxFileTooLarge = "media::syntax::file_too_large", Error, "a file is larger than the limit";
    SyntaxInvisibleCharacter = "media::syntax::invisible_character", Error, "an invisible or bidirectional control character in the text";
    SyntaxNoItems = "media::syntax::no_items", Warning, "a file that is not empty holds no spec, declaration, claim set or intent";

    UnitUnknown = "media::unit::unknown", Error, "a unit that is not declared";
    UnitMismatch = "media::unit::mismatch", Error, "two quantities of different dimensions are combined";
    UnitAbsoluteSum = "media::unit::absolute_sum", Error, "two absolute temperatures are added";
    UnitAbsoluteScaled = "media::unit::absolute_scaled", Error, "an absolute temperature is multiplied or divided";
    UnitAbsoluteNegated = "media::unit::absolute_negated", Error, "an absolute temperature is negated";
    UnitDifferenceMinusAbsolute = "media::unit::difference_minus_absolute", Error, "an absolute temperature is subtracted from a difference";
    UnitArithmetic = "media::unit::arithmetic", Error, "exact arithmetic overflowed or divided by zero";
    UnitNegativeTolerance = "media::unit::negative_tolerance", Error, "a tolerance `± d` with d below zero";
    UnitReversedRange = "media::unit::reversed_range", Error, "a range `a .. b` whose low end exceeds its high end";
    UnitWrongDimension = "media::unit::wrong_dimension", Error, "a value's dimension is not the one declared for its place";
    UnitBareNumber = "media::unit::bare_number", Error, "a number without a unit where a quantity is required";
    UnitTooDeep = "media::unit::too_deep", Error, "an expression nested deeper than the limit";

    DeclDuplicate = "media::decl::duplicate", Error, "a unit, dimension, kind, property or material declared twice";
    DeclUnknownBase = "media::decl::unknown_base", Error, "a unit declared as `base` of a dimension that is not a base dimension";
    DeclTooManyBases = "media::decl::too_many_bases", Error, "more base dimensions declared than the compiler has room for";
    DeclUnknownDimension = "media::decl::unknown_dimension", Error, "a dimension name that is not declared";
    DeclUnknownAmountKind = "media::decl::unknown_amount_kind", Error, "an `amounts` clause names something other than coat_weight, mass_fraction or phr";
    DeclTaxonomyCycle = "media::decl::taxonomy_cycle", Error, "a material is its own genus, or an element kind a sort of itself";
    DeclZeroUnit = "media::decl::zero_unit", Error, "a unit declared with the factor 0";
    DeclMolarMassMissing = "media::decl::molar_mass_missing", Error, "a hydrate or its anhydrous form lacks a molar mass";

    NameUnknownKind = "media::name::unknown_kind", Error, "an element kind that is not declared";
    NameUnknownMaterial = "media::name::unknown_material", Error, "a material that is not in the taxonomy";
    NameUnknown = "media::name::unknown", Error, "a name that is no property, element kind or material of its place";
    NameNotTopLevel = "media::name::not_top_level", Error, "an element that belongs inside another at the top level";
    NameMisplaced = "media::name::misplaced", Error, "an element inside a kind of element it cannot stand in";
    NameDuplicate = "media::name::duplicate", Error, "two elements of one kind with the same name";
    NameDuplicateEntry = "media::name::duplicate_entry", Error, "a property or component given twice in one element";
    NameUnresolvedRef = "media::name::unresolved_ref", Error, "a reference to an element that does not exist";
    NameVariantCycle = "media::name::variant_cycle", Error, "an element is a variant of itself, directly or through others";

    ModuleAmbiguous = "media::module::ambiguous", Error, "a name that two visible declarations give different meanings";
    ModuleUnknown = "media::module::unknown", Error, "a qualified name `m::x` whose module no file declares";
    ModuleDuplicate = "media::module::duplicate", Error, "a module name declared by two files, or twice in one";
    ImportNotFound = "media::import::not_found", Error, "an import that names no readable file";
    ImportOutsideRoot = "media::import::outside_root", Error, "an import of a file outside the project root";
    ImportCycle = "media::import::cycle", Error, "files that import each other in a cycle";
    NameAmbiguousRef = "media::name::ambiguous_ref", Error, "a reference that matches several elements";
    NamePhrTarget = "media::name::phr_target", Error, "`of` names no component of the element";

    ValueMissing = "media::value::missing", Error, "a property without a value";
    ValueUnexpected = "media::value::unexpected", Error, "an element given a value with `=`";
    ValueUnexpectedBody = "media::value::unexpected_body", Error, "a property given a body in braces";
    ValueUnexpectedLabel = "media::value::unexpected_label", Error, "a property given a name in quotes";
    ValueWrong = "media::value::wrong", Error, "a value of the wrong kind for its property";
    ValueNotAChoice = "media::value::not_a_choice", Error, "a value that is not one of the property's choices";
    ValueNotOfGenus = "media::value::not_of_genus", Error, "a material outside the genus the property requires";
    ValueNegative = "media::value::negative", Error, "a negative amount, length, time or pressure";
    ValueBelowAbsoluteZero = "media::value::below_absolute_zero", Error, "a temperature below 0 K";
    ValueFractionOver100 = "media::value::fraction_over_100", Error, "a mass or volume fraction above 100 %";
    ValueAmountNotAllowed = "media::value::amount_not_allowed", Error, "a component amount in a dimension its element does not take";
    ValueNoComponents = "media::value::no_components", Error, "a material listed in an element that has no components";
    ValueTooManyComponents = "media::value::too_many_components", Error, "more components in one element than the limit";
    ModelTooDeep = "media::model::too_deep", Error, "elements nested deeper than the limit";

    DerivePhrCycle = "media::derive::phr_cycle", Error, "an amount in phr relative to itself";
    DerivePercentSum = "media::derive::percent_sum", Error, "the wt% of an element's components add up past 100";
    DerivePartsExceedTotal = "media::derive::parts_exceed_total", Error, "the components weigh more than the element's total";
    DerivePercentShort = "media::derive::percent_short", Warning, "every component is given in wt% and together they make less than 100 wt%";
    DerivePartsShortOfTotal = "media::derive::parts_short_of_total", Warning, "every component is given and together they weigh less than the total";

    ClaimDuplicateSet = "media::claim::duplicate_set", Error, "two claim sets with the same id";
    ClaimDuplicateClaim = "media::claim::duplicate_claim", Error, "a claim number used twice in one claim set";
    ClaimUnknownCategory = "media::claim::unknown_category", Error, "a claim category other than medium, manufacturing_method, recording_method, apparatus";
    ClaimBadParent = "media::claim::bad_parent", Error, "a claim depends on a claim that does not exist or does not come before it";
    ClaimUnknownVariable = "media::claim::unknown_variable", Error, "a variable that no binder of the claim or its parents introduces";
    ClaimDuplicateVariable = "media::claim::duplicate_variable", Error, "a variable bound twice in one chain of claims";
    ClaimBadBinder = "media::claim::bad_binder", Error, "a binder whose elements cannot be found as written";
    ClaimConstruction = "media::claim::construction", Error, "a construction point, `construed` expression or `about` bound that cannot be read";
    ClaimUnknownProperty = "media::claim::unknown_property", Error, "a property the variable's kind does not have";
    ClaimUnknownFunction = "media::claim::unknown_function", Error, "a function claim expressions do not have";
    ClaimArity = "media::claim::arity", Error, "a function called with the wrong arguments";
    ClaimWrongType = "media::claim::wrong_type", Error, "an expression of the wrong type for its place";
    ClaimNotAChoice = "media::claim::not_a_choice", Error, "a comparison with a value that is not one of the property's choices";
    ClaimSubjectMissing = "media::claim::subject_missing", Error, "a claim binds no element of its category's kind";
    IntentUnknownSet = "media::intent::unknown_set", Error, "an intent names a claim set that is not loaded";
    IntentUnknownClaim = "media::intent::unknown_claim", Error, "an intent names a claim the set does not have";
    IntentUnknownSubject = "media::intent::unknown_subject", Error, "an intent names an element that no spec defines";
    IntentAmbiguousSubject = "media::intent::ambiguous_subject", Error, "an intent's subject name matches elements of several kinds";
    IntentSubjectKind = "media::intent::subject_kind", Error, "an intent pairs a subject with a claim of another category";

    VerdictNotMet = "media::verdict::not_met", Error, "an expected claim is not met: a limitation fails";
    VerdictPartlyMet = "media::verdict::partly_met", Error, "an expected claim is met only for part of a tolerance";
    VerdictUndetermined = "media::verdict::undetermined", Error, "an expected claim cannot be confirmed: a fact is missing";
    VerdictReadsOn = "media::verdict::reads_on", Error, "a spec that must avoid a claim meets every limitation of it";
    VerdictMayReadOn = "media::verdict::may_read_on", Warning, "a spec that must avoid a claim meets it for part of a tolerance";
    VerdictCannotClear = "media::verdict::cannot_clear", Warning, "a spec that must avoid a claim cannot be cleared: a fact is missing";
    VerdictArguable = "media::verdict::arguable", Warning, "a claim's verdict for a spec with an intent depends on how the claim is construed";
    VerdictSummary = "media::verdict::summary", Note, "the verdicts of one element against one claim set, without an intent";
    VerdictWithheld = "media::verdict::withheld", Note, "the verdicts of an element whose spec has errors are not reported";

    LockDrift = "media::lock::drift", Error, "a verdict differs from the one recorded in the lock file";
    LockInvalid = "media::lock::invalid", Error, "the lock file cannot be read as a verdict lock";
    LockMissing = "media::lock::missing", Error, "`--locked` was given and the lock file does not exist";

    LintUnsatisfiable = "media::lint::unsatisfiable", Warning, "a claim whose limitations cannot all hold";
    LintRepeats = "media::lint::repeats", Warning, "a claim that adds exactly what an earlier claim with the same parents adds";
    LintUnencoded = "media::lint::unencoded", Warning, "a phrase of the claim text that no limitation's words cover";
    LintWordsNotInClaim = "media::lint::words_not_in_claim", Warning, "limitation words that do not occur in the claim's text";
    LintAntecedent = "media::lint::antecedent", Warning, "\"the X\" or \"said X\" with no antecedent \"a X\" in the claim or its parents";
    LintNotInText = "media::lint::not_in_text", Warning, "a claim the set encodes that its claim text does not have";
    LintTextMissing = "media::lint::text_missing", Warning, "the claim text a claim set names cannot be found";
}
