# cpack -G DEB: one Debian package, nps-stat, with the tool, the shared and
# static libraries, the headers, the CMake package and the pkg-config file,
# installed under /usr. Its dependencies come from dpkg-shlibdeps when it
# is available (dpkg-dev), otherwise they are written out here.
set(NPS_PACKAGE_MAINTAINER "nps-stat maintainers <nps-stat@example.org>"
    CACHE STRING "The Maintainer field of the Debian package")

set(CPACK_PACKAGE_NAME nps-stat)
set(CPACK_PACKAGE_VENDOR nps-stat)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Net Promoter Score statistics: intervals, tests, planning")
set(CPACK_PACKAGE_DESCRIPTION
    "nps-stat computes Net Promoter Score with honest uncertainty: intervals, two-sample and paired tests, segments, trends, pilots and sample-size planning, from a C11 library (libnpsstat) and a command-line tool.")
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${NPS_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# gnuplot draws the charts (--render); the rest is for building programs
# against the library.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnuplot-nox | gnuplot")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libgsl-dev, libcsv-dev, pkg-config")
find_program(NPS_DPKG_SHLIBDEPS dpkg-shlibdeps)
mark_as_advanced(NPS_DPKG_SHLIBDEPS)
if(NPS_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  # The package's own library, for dpkg-shlibdeps run on nps-stat.
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS
      ${PROJECT_BINARY_DIR})
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libgsl27, libgslcblas0, libcsv3")
endif()
# A shlibs file and the ldconfig trigger for libnpsstat.so.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
include(CPack)
