# Uses ccache when it is installed and no launcher was chosen: the sanitizer and fuzzing presets
# rebuild the same sources with other flags, and CI reruns them, so a cache pays off. Nothing
# requires it. (NO_CMAKE_FIND_ROOT_PATH: under Emscripten the search would stay in its sysroot.)
if(NOT CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(DELEGATE_CCACHE ccache NO_CMAKE_FIND_ROOT_PATH)
  if(DELEGATE_CCACHE)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${DELEGATE_CCACHE}")
  endif()
endif()
