// Similarity measures of two normalised values (match keys: case-folded, accents stripped), each
// in [0, 1] with 1 for equal values. Pure functions, safe from any thread. Text measures work on
// code points, so "müller" and "muller" differ by one letter, not two bytes.
#pragma once

#include <optional>
#include <string_view>

namespace crm::identity {

// Jaro-Winkler with the usual prefix scale 0.1 over at most four common leading letters.
double JaroWinkler(std::string_view a, std::string_view b);

// 1 - Levenshtein distance / length of the longer value.
double NormalisedLevenshtein(std::string_view a, std::string_view b);

// NormalisedLevenshtein(a, b) >= threshold, decided in a band of the edit matrix as wide as
// the distance the threshold allows: near-linear for strict thresholds on long values (emails).
bool LevenshteinAtLeast(std::string_view a, std::string_view b, double threshold);

// Token-set similarity for company names (fuzzywuzzy's token_set_ratio): the words both values
// share, compared with each value's remaining words added, so "acme" and "acme holding bv"
// score 1 and word order never matters.
double TokenSet(std::string_view a, std::string_view b);

// Days since 1970-01-01 of a value starting "YYYY-MM-DD" or "YYYYMMDD" (a datetime's date part
// counts); nullopt when it is no valid calendar date.
std::optional<long> DayNumber(std::string_view value);

// 1 when the dates lie at most `tolerance_days` apart, falling linearly to 0 at one year beyond;
// values that are no dates fall back to NormalisedLevenshtein (typed digits, "19081233").
double DateSimilarity(std::string_view a, std::string_view b, double tolerance_days);

// 1 when |a - b| <= tolerance, else 1 - (|a - b| - tolerance) / max(|a|, |b|), at least 0;
// values that are no numbers fall back to NormalisedLevenshtein.
double NumericSimilarity(std::string_view a, std::string_view b, double tolerance);

}  // namespace crm::identity
