# Third-party headers from Debian's packages. Under Emscripten, /usr/include must never reach the
# include path (it shadows Emscripten's libc), so header-only libraries are exposed through a
# build-dir folder of symlinks to just their own directories.
set(_shim "${CMAKE_BINARY_DIR}/third_party_include")
file(MAKE_DIRECTORY "${_shim}")
foreach(_dir nlohmann catch2)
  if(NOT EXISTS "/usr/include/${_dir}")
    message(FATAL_ERROR "/usr/include/${_dir} is missing: run scripts/setup")
  endif()
  if(NOT EXISTS "${_shim}/${_dir}")
    file(CREATE_LINK "/usr/include/${_dir}" "${_shim}/${_dir}" SYMBOLIC)
  endif()
endforeach()

add_library(delegate_json INTERFACE)
target_include_directories(delegate_json SYSTEM INTERFACE "${_shim}")
add_library(delegate_catch2 INTERFACE)
target_include_directories(delegate_catch2 SYSTEM INTERFACE "${_shim}")
