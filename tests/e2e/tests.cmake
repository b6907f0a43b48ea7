# End-to-end tests: the real binary in tmux (see tests/e2e/lib.sh).
foreach(name list_and_record cli_errors terminal_restore hostile_text security notes note_editor
             readme_captures forms_check forms review timeline_pages home resources
             release_plan case_plan plan_review)
  add_test(NAME e2e_${name}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/${name}.sh)
  set_tests_properties(e2e_${name} PROPERTIES
    ENVIRONMENT "CASELOAD_BIN=$<TARGET_FILE:caseload>;CASELOAD_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    TIMEOUT 300 LABELS e2e)
endforeach()
