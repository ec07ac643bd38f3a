// Reading and checking a transform's parameters (internal to the registry).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "staging/transforms/transform.h"

namespace crm::transforms {

// Checks `params` against the catalogue entry `info`: every name known (with a "did you mean"
// for a near miss), every required name present.
bool CheckParamNames(const TransformInfo& info, const TransformParams& params, std::string* error);

// Each getter leaves `out` unchanged and returns true when the parameter is absent, and fails
// with a message naming the transform and parameter when it has the wrong shape.
bool GetScalar(const TransformParams& params, std::string_view transform, std::string_view name,
               std::string* out, std::string* error);
// A scalar is a list of one.
bool GetList(const TransformParams& params, std::string_view transform, std::string_view name,
             std::vector<std::string>* out, std::string* error);
bool GetMap(const TransformParams& params, std::string_view transform, std::string_view name,
            std::vector<std::pair<std::string, std::string>>* out, std::string* error);
// "true"/"false"/"yes"/"no"/"1"/"0" (boolean.h spellings).
bool GetBool(const TransformParams& params, std::string_view transform, std::string_view name,
             bool* out, std::string* error);
bool GetInt(const TransformParams& params, std::string_view transform, std::string_view name,
            int* out, std::string* error);

}  // namespace crm::transforms
