// Anchor for the suites' shared precompiled header (see CMakeLists.txt).
