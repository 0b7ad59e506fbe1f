# One function each for warnings and sanitizers, applied per target (after spdlog's
# spdlog_enable_warnings / spdlog_enable_sanitizer).
function(socred_enable_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                                           -Wnon-virtual-dtor -Wcast-align -Wformat=2)
  if(SOCRED_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(SOCRED_SANITIZE)
    socred_enable_sanitizers(${target})
  endif()
endfunction()

function(socred_enable_sanitizers target)
  # GCC 12 reports false -Wmaybe-uninitialized through std::variant/std::optional when
  # AddressSanitizer instruments them (GCC bug 105562 family); release builds keep the warning.
  target_compile_options(${target} PRIVATE -fsanitize=address,undefined
                                           -fno-sanitize-recover=all -fno-omit-frame-pointer
                                           -Wno-maybe-uninitialized)
  target_link_options(${target} PRIVATE -fsanitize=address,undefined)
endfunction()
