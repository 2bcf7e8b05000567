# Findlibcsv.cmake - find libcsv (https://github.com/rgamble/libcsv), which
# ships neither a pkg-config file nor a CMake package.
#
# Defines the imported target libcsv::csv and the cache variables
# CSV_INCLUDE_DIR and CSV_LIBRARY; sets libcsv_FOUND. Used by the build and
# installed next to npsstatConfig.cmake, so that find_package(npsstat) can
# resolve the library's dependency on libcsv::csv.
find_path(CSV_INCLUDE_DIR csv.h)
find_library(CSV_LIBRARY NAMES csv)
mark_as_advanced(CSV_INCLUDE_DIR CSV_LIBRARY)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(libcsv
  REQUIRED_VARS CSV_LIBRARY CSV_INCLUDE_DIR)

if(libcsv_FOUND AND NOT TARGET libcsv::csv)
  add_library(libcsv::csv UNKNOWN IMPORTED)
  set_target_properties(libcsv::csv PROPERTIES
    IMPORTED_LOCATION "${CSV_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${CSV_INCLUDE_DIR}")
endif()
