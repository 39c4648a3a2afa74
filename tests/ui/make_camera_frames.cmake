# Writes a recorded camera sequence for the kiosk's frame source: the slip sliding into view from
# the right edge (unreadable while mostly outside the frame), then held in the middle.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(n 0)
foreach(x 1250 1150 900 440)
  execute_process(COMMAND ${KIOSKCTL} qr encode "${PAYLOAD}" --module 6 --frame 1280x720 --at ${x},150
                  -o ${OUT}/frame-0${n}.png RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kioskctl qr encode failed")
  endif()
  math(EXPR n "${n} + 1")
endforeach()
