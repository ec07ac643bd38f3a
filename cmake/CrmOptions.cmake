# One interface target that every library, binary and test links: warnings and sanitizers live
# here and nowhere else.
add_library(crm_options INTERFACE)
target_include_directories(crm_options INTERFACE ${PROJECT_SOURCE_DIR})
target_compile_options(crm_options INTERFACE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
# GCC 12 at -O2/-O3 reports a false -Wrestrict inside libstdc++ for `"literal" + std::string`
# (GCC bug 105329), and a false -Wstringop-overflow for std::string copies after inlining (GCC bug
# 106199); both fire in correct code.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(crm_options INTERFACE -Wno-restrict -Wno-stringop-overflow)
endif()
target_compile_definitions(crm_options INTERFACE
  CRM_VERSION="${PROJECT_VERSION}"
  CRM_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

if(CRM_SANITIZE)
  # -O1 with line tables: readable reports at a fraction of a full debug build's compile time.
  # UBSan's vptr check needs the typeinfo of every polymorphic class it sees, and Debian's SOCI
  # does not export its backends' typeinfo: the check is off, the rest of UBSan stays on.
  set(crm_sanitize_flags -fsanitize=address,undefined -fno-sanitize=vptr -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined -O1 -g1)
  target_compile_options(crm_options INTERFACE ${crm_sanitize_flags})
  target_link_options(crm_options INTERFACE ${crm_sanitize_flags})
endif()

find_program(CRM_CCACHE ccache)
if(CRM_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CRM_CCACHE})
endif()
