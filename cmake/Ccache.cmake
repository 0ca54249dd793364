# Uses ccache when it is installed and no launcher was chosen: the sanitizer and fuzzing presets
# rebuild the same sources with other flags, and CI reruns them, so a cache pays off. Nothing
# requires it.
if(NOT CMAKE_CXX_COMPILER_LAUNCHER AND NOT EMSCRIPTEN)
  find_program(DELEGATE_CCACHE ccache)
  if(DELEGATE_CCACHE)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${DELEGATE_CCACHE}")
  endif()
endif()
