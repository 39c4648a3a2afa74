# The Debian package (installer/dev.sh package): what goes where on an installed kiosk, and
# CPack's DEB generator. build/tthc-kiosk_<version>_amd64.deb installs with apt on Debian 12.
set(KIOSK_PKG_SRC ${CMAKE_SOURCE_DIR}/installer)
set(KIOSK_PKG_GEN ${CMAKE_BINARY_DIR}/package-files)
file(MAKE_DIRECTORY ${KIOSK_PKG_GEN})
# Debian wants manual pages and the changelog compressed, reproducibly (no name, no time: -n).
# A native package (no Debian revision) has changelog.gz, not changelog.Debian.gz.
foreach(src man/tthc-kiosk.1 man/kioskctl.1 debian/changelog)
  get_filename_component(name ${src} NAME)
  execute_process(COMMAND gzip -9nc ${KIOSK_PKG_SRC}/${src} OUTPUT_FILE ${KIOSK_PKG_GEN}/${name}.gz COMMAND_ERROR_IS_FATAL ANY)
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${KIOSK_PKG_SRC}/man/tthc-kiosk.1 ${KIOSK_PKG_SRC}/man/kioskctl.1 ${KIOSK_PKG_SRC}/debian/changelog)

install(TARGETS tthc-kiosk kioskctl RUNTIME DESTINATION bin)
# The configuration, every setting documented and none secret; a conffile (debian/conffiles).
install(FILES ${KIOSK_PKG_SRC}/kiosk.conf.example DESTINATION /etc/tthc-kiosk RENAME kiosk.conf)
# Empty: the province adds its signing key. The sample's test key is never trusted here.
install(DIRECTORY DESTINATION /etc/tthc-kiosk/trusted-keys)
install(FILES ${KIOSK_PKG_SRC}/systemd/tthc-kiosk.service DESTINATION lib/systemd/system)
# Staff's "reboot the machine": logind's reboot for the service user, nothing broader.
install(FILES ${KIOSK_PKG_SRC}/polkit/50-tthc-kiosk.rules DESTINATION share/polkit-1/rules.d)
install(FILES ${KIOSK_PKG_GEN}/tthc-kiosk.1.gz ${KIOSK_PKG_GEN}/kioskctl.1.gz DESTINATION share/man/man1)
install(FILES ${KIOSK_PKG_SRC}/debian/copyright ${KIOSK_PKG_GEN}/changelog.gz DESTINATION share/doc/tthc-kiosk)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tthc-kiosk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "TTHC kiosk maintainers <kiosk@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "self-service kiosk of a Vietnamese Public Administration Center")
set(CPACK_PACKAGE_DESCRIPTION "A fullscreen touch kiosk for the lobby of a provincial Public Administration
Center (Trung tam Hanh chinh cong): citizens find administrative procedures,
look up their dossiers by the QR code of the appointment slip, pay fees by
VietQR, rate officers, print, and hear every screen read aloud in Vietnamese.
Staff update what it shows with signed content packs.")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.invalid/tthc-kiosk")
# Libraries from dpkg-shlibdeps; what the kiosk loads at run time by name, here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, cage, fonts-noto-core, fonts-font-awesome, espeak-ng-data")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cups, polkitd")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${KIOSK_PKG_SRC}/debian/postinst ${KIOSK_PKG_SRC}/debian/prerm ${KIOSK_PKG_SRC}/debian/postrm ${KIOSK_PKG_SRC}/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
