# Debian 12 packages. SOCI, libphonenumber and utf8proc ship no CMake package files: they are
# wrapped here as imported targets so the rest of the build names them like any other.
find_package(Threads REQUIRED)
find_package(Poco REQUIRED COMPONENTS Foundation JSON Encodings Net Crypto Util)
find_package(yaml-cpp REQUIRED)
find_package(Boost REQUIRED COMPONENTS program_options)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
if(CRM_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
endif()

function(crm_import_library name lib)
  find_library(${name}_LIBRARY NAMES ${lib} REQUIRED)
  add_library(${name} UNKNOWN IMPORTED GLOBAL)
  set_target_properties(${name} PROPERTIES IMPORTED_LOCATION ${${name}_LIBRARY})
  if(ARGN)
    set_target_properties(${name} PROPERTIES INTERFACE_LINK_LIBRARIES "${ARGN}")
  endif()
endfunction()

crm_import_library(soci_core_lib soci_core ${CMAKE_DL_LIBS})
crm_import_library(soci_sqlite3_lib soci_sqlite3 soci_core_lib SQLite::SQLite3)
crm_import_library(soci_postgresql_lib soci_postgresql soci_core_lib PostgreSQL::PostgreSQL)
crm_import_library(soci_mysql_lib soci_mysql soci_core_lib)
crm_import_library(soci_odbc_lib soci_odbc soci_core_lib)
add_library(crm_soci INTERFACE)
target_link_libraries(crm_soci INTERFACE soci_sqlite3_lib soci_postgresql_lib soci_mysql_lib
                                         soci_odbc_lib soci_core_lib)
target_include_directories(crm_soci INTERFACE ${PostgreSQL_INCLUDE_DIRS} /usr/include/mysql)

crm_import_library(phonenumber_lib phonenumber)
crm_import_library(utf8proc_lib utf8proc)
crm_import_library(re2_lib re2 Threads::Threads)

# jemalloc is the crm-migrate binary's allocator: a cutover makes and frees millions of small
# strings (rows of text values, batch by batch), and glibc's malloc spent a fifth of its CPU
# time there (consolidating freed chunks); with jemalloc the same 200k-row cutover takes 25%
# less CPU. Not in the sanitizer build, whose runtime replaces malloc itself.
if(NOT CRM_SANITIZE)
  crm_import_library(jemalloc_lib jemalloc)
endif()
