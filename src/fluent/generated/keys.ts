import '@servicenow/sdk/global'

declare global {
    namespace Now {
        namespace Internal {
            interface Keys extends KeysRegistry {
                explicit: {
                    'acl-audit-read': {
                        table: 'sys_security_acl'
                        id: '5b883b07a23c40b4b216569db88b1343'
                    }
                    'acl-endpoint-create': {
                        table: 'sys_security_acl'
                        id: '9d86734bdb3b4942b6c706a28d1dbc9b'
                    }
                    'acl-endpoint-delete': {
                        table: 'sys_security_acl'
                        id: '2a11a4c5776f41a7bcda3f41cfa5190d'
                    }
                    'acl-endpoint-read': {
                        table: 'sys_security_acl'
                        id: 'bc3f515e18ff4c25b4e3986c1a9c4eae'
                    }
                    'acl-endpoint-write': {
                        table: 'sys_security_acl'
                        id: 'ace3f52ab55f435a92a65756a1f7d88e'
                    }
                    'acl-heartbeat-read': {
                        table: 'sys_security_acl'
                        id: 'd9e264a1b6224750bc0aff46d3bfe476'
                    }
                    'acl-issued-key-read': {
                        table: 'sys_security_acl'
                        id: 'c346502510714ade831df305314b7943'
                    }
                    'acl-key-ajax-execute': {
                        table: 'sys_security_acl'
                        id: 'c5b968b7cd5840ae8e4b4b947ba0f394'
                    }
                    'acl-repair-change-read': {
                        table: 'sys_security_acl'
                        id: 'a38ccb9e711b437f87fb3711cda1b8c4'
                    }
                    'acl-setup-run-read': {
                        table: 'sys_security_acl'
                        id: 'e981e10fac10474b9210039218aaafc3'
                    }
                    'action-export-instance-facts': {
                        table: 'sys_ui_action'
                        id: 'a98726514ea84bfca8d3ae3bfd9049f5'
                    }
                    'action-generate-on-endpoint': {
                        table: 'sys_ui_action'
                        id: '571cf1b33a404ecdb070d707d13bf5f9'
                    }
                    'action-generate-on-push-connector': {
                        table: 'sys_ui_action'
                        id: '000a332c33394055b7383e0200a88cf9'
                    }
                    'action-revoke-on-endpoint': {
                        table: 'sys_ui_action'
                        id: '51fe92c607044fbe882deb418b29e8f8'
                    }
                    'action-revoke-on-push-connector': {
                        table: 'sys_ui_action'
                        id: 'f31b27052dcc4c3093cae8802434bb8a'
                    }
                    'action-rotate-on-endpoint': {
                        table: 'sys_ui_action'
                        id: '2a52a711593448debfd175154b5bc604'
                    }
                    'action-rotate-on-push-connector': {
                        table: 'sys_ui_action'
                        id: '864f013ff0394b43878ff80511841bd9'
                    }
                    'action-run-repair': {
                        table: 'sys_ui_action'
                        id: 'ee16b78461ae441d89c4a5b8b73eee8a'
                    }
                    'action-run-repair-with-restrictions': {
                        table: 'sys_ui_action'
                        id: '53fc1de7c53d4cf5a6f0aeab18a40eeb'
                    }
                    'action-run-setup-check': {
                        table: 'sys_ui_action'
                        id: '383b6e45ca1f4d918e73bbf78f2e01c7'
                    }
                    'action-send-test-alarm': {
                        table: 'sys_ui_action'
                        id: '7cdbf9afd14d4dc28341a89df37c3a72'
                    }
                    'action-send-test-alarm-on-connector': {
                        table: 'sys_ui_action'
                        id: 'cead7885ac2f486183a7269e67c5d9f1'
                    }
                    'action-undo-repair': {
                        table: 'sys_ui_action'
                        id: 'ab63d39932384cdab20da98a8475c67b'
                    }
                    'app-menu': {
                        table: 'sys_app_application'
                        id: '92352aed37944c6eaa352ce01abe7607'
                    }
                    'atf-generate-probe-revoke': {
                        table: 'sys_atf_test'
                        id: 'b8200219e59c489fbd45fac28f4946ce'
                    }
                    'atf-generate-probe-revoke-step': {
                        table: 'sys_atf_step'
                        id: '6be3672083204dd283d3cb815f5b4183'
                    }
                    'atf-setup-passes-after-repair': {
                        table: 'sys_atf_test'
                        id: '2860ed7b85374352863011b75f475a11'
                    }
                    'atf-setup-passes-after-repair-step': {
                        table: 'sys_atf_step'
                        id: '4df05d69f76c4e6e91f01821cbf70952'
                    }
                    'atf-suite': {
                        table: 'sys_atf_test_suite'
                        id: '2bb8018c13d34bacb4807d9e075fbc4f'
                    }
                    'atf-suite-member-generate': {
                        table: 'sys_atf_test_suite_test'
                        id: '193e4cf882184eca98cf298bf2ef85de'
                    }
                    'atf-suite-member-setup': {
                        table: 'sys_atf_test_suite_test'
                        id: '4fd2b3c1b03140ba984ff7e57c3e126d'
                    }
                    bom_json: {
                        table: 'sys_module'
                        id: '25a6229a5771464b9d8c08615966d02e'
                    }
                    'em-inbound-access-policy': {
                        table: 'sys_api_access_policy'
                        id: '3341f76fc3144c93a56cc46b6fe4393f'
                    }
                    'em-policy-maps-header-profile': {
                        table: 'sys_auth_profile_mapping'
                        id: '1137dc97833e4a068844a767c194ce12'
                    }
                    'em-policy-maps-query-profile': {
                        table: 'sys_auth_profile_mapping'
                        id: '301144d5d2d3479c92981accea072715'
                    }
                    'event-heartbeat': {
                        table: 'sysevent_register'
                        id: '41d4eefa72f548a09c23f2a65e8a1a96'
                    }
                    'event-key-expiry': {
                        table: 'sysevent_register'
                        id: '5bf9501cb16f462182f1bebd8381fd1e'
                    }
                    'inbound-profile-header': {
                        table: 'http_key_auth'
                        id: 'a2f05c964da0485c8a38c6cdd13a73c5'
                    }
                    'inbound-profile-query-parameter': {
                        table: 'http_key_auth'
                        id: 'ac3a1755a0674c1eaab28b2e3dc8e366'
                    }
                    'job-expiry-watch': {
                        table: 'sysauto_script'
                        id: '830a3ddeb67942da9d2cae710fab531c'
                    }
                    'job-heartbeat-watch': {
                        table: 'sysauto_script'
                        id: '50c8db7c30e743d196265992121b4107'
                    }
                    'module-audit': {
                        table: 'sys_app_module'
                        id: 'b3c9851a6c6e44c58bdf0897a8ee9655'
                    }
                    'module-endpoints': {
                        table: 'sys_app_module'
                        id: '4e251b0412a740d1b3c075a718bd3428'
                    }
                    'module-issued-keys': {
                        table: 'sys_app_module'
                        id: '8c1ee43377544042a605538a2fe9e12a'
                    }
                    'module-properties': {
                        table: 'sys_app_module'
                        id: '418524c3776546688d98839c4e99b2cd'
                    }
                    'module-setup-check': {
                        table: 'sys_app_module'
                        id: '4fdb8bd704f046b485c4491884daaa7a'
                    }
                    'notification-heartbeat': {
                        table: 'sysevent_email_action'
                        id: 'da3d2ae4b110427f94e8efcbaaa2c18c'
                    }
                    'notification-key-expiry': {
                        table: 'sysevent_email_action'
                        id: '5280850270394776949bb36b6af95b3a'
                    }
                    package_json: {
                        table: 'sys_module'
                        id: 'f5dc785543c342b38c70b55613b0114d'
                    }
                    'property-atf-connector': {
                        table: 'sys_properties'
                        id: '4027422abc6b49478db2ef080e89aff9'
                    }
                    'property-aws-connector-definitions': {
                        table: 'sys_properties'
                        id: '49e064fa64fe4c15bf5c6f246164125b'
                    }
                    'property-default-source': {
                        table: 'sys_properties'
                        id: 'a96a1391e3b341ada648431c2866fcdd'
                    }
                    'property-expiry-warning-days': {
                        table: 'sys_properties'
                        id: '540a72c231344ad68511617f6b9a4442'
                    }
                    'property-instance-base-url': {
                        table: 'sys_properties'
                        id: 'ca2d0a98a7e544278c55c5abc110091d'
                    }
                    'property-instance-base-url-confirmed-host': {
                        table: 'sys_properties'
                        id: 'dfcda219d23b4f8392fd17430f37dc27'
                    }
                    'property-integration-user': {
                        table: 'sys_properties'
                        id: 'c812fd71b1ed432abc073dab2cff6969'
                    }
                    'property-keep-basic-auth-mapped': {
                        table: 'sys_properties'
                        id: 'd4b8e829f25c40fab04b0a0a875082cf'
                    }
                    'property-key-lifetime-days': {
                        table: 'sys_properties'
                        id: 'b19b85d0310847919ef87247fd292191'
                    }
                    'property-map-table-api-policies': {
                        table: 'sys_properties'
                        id: '7619e9340e7347f3a272547f3eb62c40'
                    }
                    'property-no-data-hours': {
                        table: 'sys_properties'
                        id: 'fc712a5106104bab90431acd7fd439d5'
                    }
                    'property-rotation-grace-days': {
                        table: 'sys_properties'
                        id: 'f8fa6946d9a940cd841ed1c6ebc38b28'
                    }
                    'script-include-key-ajax': {
                        table: 'sys_script_include'
                        id: 'a104404be5434039b10a24fc8c1f7a9a'
                    }
                    'script-include-key-buttons': {
                        table: 'sys_script_include'
                        id: 'fb7a225825fe4cf480f1e0b80076bd22'
                    }
                    'script-include-module-loader': {
                        table: 'sys_script_include'
                        id: 'df3f09497bbc427c838b4eb0ec106136'
                    }
                    'script-include-test-api': {
                        table: 'sys_script_include'
                        id: 'ddb52a06970b4b558f6554553abed42b'
                    }
                    'src_server_actions_atf-entry_ts': {
                        table: 'sys_module'
                        id: 'a1d5c2e52e3f477fb47a61c932626772'
                    }
                    'src_server_actions_expiry-watch-job_ts': {
                        table: 'sys_module'
                        id: 'a8cb6c954de146769d3d68f5066638d0'
                    }
                    'src_server_actions_heartbeat-watch-job_ts': {
                        table: 'sys_module'
                        id: 'c02da7e89f4245c9b025cdb17c82f971'
                    }
                    'src_server_actions_key-ajax_ts': {
                        table: 'sys_module'
                        id: '38838ccea7414af483726104882380fe'
                    }
                    'src_server_actions_key-button-visibility_ts': {
                        table: 'sys_module'
                        id: 'd29ad8dae25b4332a3696c559024e8b0'
                    }
                    'src_server_actions_revoke-action_ts': {
                        table: 'sys_module'
                        id: '8717f5fe61794a8f930a41f509317aa1'
                    }
                    'src_server_actions_setup-check-actions_ts': {
                        table: 'sys_module'
                        id: 'c7cc5ccc8b8f4aac9dad60249693267d'
                    }
                    'src_server_actions_test-alarm-action_ts': {
                        table: 'sys_module'
                        id: '986a9e0cdb884751a3905018eeab98b5'
                    }
                    src_server_core_access_ts: {
                        table: 'sys_module'
                        id: '928a843990c649bcbc8c35aa7a3cdaf0'
                    }
                    'src_server_core_app-config_ts': {
                        table: 'sys_module'
                        id: '9efbac323ff44468b055580daba601e1'
                    }
                    'src_server_core_app-names_ts': {
                        table: 'sys_module'
                        id: '12e5637e46974d17a487c331b04fab45'
                    }
                    'src_server_core_app-roles_ts': {
                        table: 'sys_module'
                        id: 'a6ff1e06aae443f6a247a454c4329365'
                        deleted: true
                    }
                    src_server_core_audit_ts: {
                        table: 'sys_module'
                        id: '9a3d02e9eef446f9a78d9c75305efaf8'
                    }
                    'src_server_core_encoded-query_ts': {
                        table: 'sys_module'
                        id: '83c2e5fa2a38491ea593675cd0665b6d'
                    }
                    'src_server_core_html-text_ts': {
                        table: 'sys_module'
                        id: '92fb80309b554e84a05701d40656b2cd'
                    }
                    'src_server_core_manual-step_ts': {
                        table: 'sys_module'
                        id: '35227b99b2df4483b6a79fd337d19d9e'
                    }
                    'src_server_core_read-app-config_ts': {
                        table: 'sys_module'
                        id: 'c7e2a6bd9a60465ea1dba234e08c8fcb'
                    }
                    src_server_core_records_ts: {
                        table: 'sys_module'
                        id: 'b84057e033ce46fcaee9c23dba44d08b'
                    }
                    'src_server_core_undo-log_ts': {
                        table: 'sys_module'
                        id: 'cb5efa8150f64cb89f69d06bd3d40956'
                    }
                    'src_server_endpoint_aws-endpoint_ts': {
                        table: 'sys_module'
                        id: 'd4a061fbe5bc42a3aa1e3805f4730421'
                    }
                    'src_server_endpoint_endpoint-fields_ts': {
                        table: 'sys_module'
                        id: 'edc6796443ef4b869f79d18f1817e75f'
                    }
                    'src_server_endpoint_endpoint-host_ts': {
                        table: 'sys_module'
                        id: '47e60c894a5c4ae29fdf8d521836a95f'
                    }
                    'src_server_endpoint_endpoint-url_ts': {
                        table: 'sys_module'
                        id: '9a68c9e9df63415da80aea77168b9117'
                    }
                    'src_server_endpoint_sns-subscription_ts': {
                        table: 'sys_module'
                        id: '348b36a3ba1b457e964fe6ad3c0f5943'
                    }
                    'src_server_endpoint_topic-arn_ts': {
                        table: 'sys_module'
                        id: 'bd66fc32598545be8eefe3303c375d46'
                    }
                    'src_server_endpoint_url-rules_ts': {
                        table: 'sys_module'
                        id: 'd6120f6e7b1c4472856ae2da525f9203'
                    }
                    'src_server_keys_generate-service_ts': {
                        table: 'sys_module'
                        id: 'd3c646fb6215496289ee059d8f024c4e'
                    }
                    'src_server_keys_issue-key_ts': {
                        table: 'sys_module'
                        id: 'a6838f0e46404aac91a1ef36bbf440cd'
                    }
                    'src_server_keys_key-rules_ts': {
                        table: 'sys_module'
                        id: '08b9e42f95d14a918c6b85fbb022c253'
                    }
                    src_server_keys_reveal_ts: {
                        table: 'sys_module'
                        id: 'fffe529c1b6a4ad090fb03720420f67d'
                    }
                    'src_server_keys_revoke-service_ts': {
                        table: 'sys_module'
                        id: '17df3d35a60d49ef98398e339e6d8cf3'
                    }
                    'src_server_keys_token-issuers_ts': {
                        table: 'sys_module'
                        id: '7942b754e62942cf9e515134b1a3237e'
                    }
                    'src_server_probe_probe-em-endpoint_ts': {
                        table: 'sys_module'
                        id: 'de8c9319f72d4b7290927ec9efcea047'
                    }
                    'src_server_probe_probe-rules_ts': {
                        table: 'sys_module'
                        id: '8824a3ed0632467ab18b6619c6ee347f'
                    }
                    'src_server_probe_probe-service_ts': {
                        table: 'sys_module'
                        id: '7c00bcfa78a5422fb51869cf622ef0fb'
                    }
                    'src_server_probe_test-alarm_ts': {
                        table: 'sys_module'
                        id: 'd65162b847dd450fafc2a0c23285eb3f'
                    }
                    'src_server_probe_test-alarm-service_ts': {
                        table: 'sys_module'
                        id: '2b012115d15741f09702e79a5c41c95b'
                    }
                    'src_server_setup_access-rules_ts': {
                        table: 'sys_module'
                        id: 'd4ea329bfba34648a0a41db1e39343a0'
                    }
                    'src_server_setup_apply-repair_ts': {
                        table: 'sys_module'
                        id: '2b22dfb33fb4499ca428431c0517dff9'
                    }
                    'src_server_setup_basic-auth-restriction_ts': {
                        table: 'sys_module'
                        id: 'a0775e183f0747cfa393bff10a763a88'
                    }
                    'src_server_setup_export-instance-facts_ts': {
                        table: 'sys_module'
                        id: 'bdea0f5845664cfb87313c56402d130b'
                    }
                    'src_server_setup_instance-facts_ts': {
                        table: 'sys_module'
                        id: '3d6e7c11f88f43d3b8f000c9cb3d6731'
                    }
                    'src_server_setup_read-setup-facts_ts': {
                        table: 'sys_module'
                        id: '45b425d659024682a5e8bc6ba6867dfa'
                    }
                    'src_server_setup_repair-changes_ts': {
                        table: 'sys_module'
                        id: '0104e5b474174e6090f7d98db4403650'
                    }
                    'src_server_setup_repair-changes-rules_ts': {
                        table: 'sys_module'
                        id: '84920d48608a4dd791294c26c283e2fc'
                    }
                    'src_server_setup_repair-plan_ts': {
                        table: 'sys_module'
                        id: '233b7e35355a48928e85d8979f6781c1'
                    }
                    'src_server_setup_setup-facts_ts': {
                        table: 'sys_module'
                        id: 'bd52ea1ac8a24130940bd3e74fa5d5f8'
                    }
                    'src_server_setup_setup-report_ts': {
                        table: 'sys_module'
                        id: '2188abce2bf64d3aa47a9366ee413725'
                    }
                    'src_server_setup_setup-service_ts': {
                        table: 'sys_module'
                        id: '1f36c2581a3e4804ab13069a05f8b983'
                    }
                    'src_server_setup_setup-verdict_ts': {
                        table: 'sys_module'
                        id: '19957fc2b5c7475f9c49f7d39e4bdcc4'
                    }
                    'src_server_setup_undo-repair_ts': {
                        table: 'sys_module'
                        id: '3c8fce95f0e643188992e4fab7a98f1e'
                    }
                    'src_server_watch_endpoint-health_ts': {
                        table: 'sys_module'
                        id: 'd8a902476289439cadabf3604001e1ee'
                    }
                    'src_server_watch_event-sources_ts': {
                        table: 'sys_module'
                        id: '35fbc43c8b0a474f9e361e28be2898ec'
                    }
                    'src_server_watch_expiry-watch_ts': {
                        table: 'sys_module'
                        id: 'bf2b01428f7347fe9c7b1d67357b3680'
                    }
                    'src_server_watch_heartbeat-rules_ts': {
                        table: 'sys_module'
                        id: '8ad23feebd1f4ea5968d30a8fa26d376'
                    }
                    'src_server_watch_heartbeat-watch_ts': {
                        table: 'sys_module'
                        id: '9df76693db7a4719abe85514facee7a9'
                    }
                    'xsp-api_key-create': {
                        table: 'sys_scope_privilege'
                        id: '2a4717948173462a89556dde863ce2b6'
                    }
                    'xsp-api_key-delete': {
                        table: 'sys_scope_privilege'
                        id: 'ff2be53262cc4251bf1cbae534371342'
                    }
                    'xsp-api_key-read': {
                        table: 'sys_scope_privilege'
                        id: '3045dfac88df4475973feb704db98e17'
                    }
                    'xsp-api_key-write': {
                        table: 'sys_scope_privilege'
                        id: 'f12cae6f8fba4dffa051410d2602faf8'
                    }
                    'xsp-em_event-read': {
                        table: 'sys_scope_privilege'
                        id: '3274e5d07f56486aa8d7f822b5f0a796'
                    }
                    'xsp-GlidePluginManager-execute': {
                        table: 'sys_scope_privilege'
                        id: '8feb91b3fe4d482dac2a03e84ddca23e'
                    }
                    'xsp-GlideTokenAuthClient-execute': {
                        table: 'sys_scope_privilege'
                        id: 'ab663f11a98f45ee8a59d76d02341bfc'
                    }
                    'xsp-http_key_auth-create': {
                        table: 'sys_scope_privilege'
                        id: '0c39cdbea59d46a7a1df56e71d642258'
                    }
                    'xsp-http_key_auth-delete': {
                        table: 'sys_scope_privilege'
                        id: 'adf04e71ae7f43eb905f8ca362ad4e90'
                    }
                    'xsp-http_key_auth-read': {
                        table: 'sys_scope_privilege'
                        id: 'ac54b822aed14a5aa7697774a17f6132'
                    }
                    'xsp-http_key_auth-write': {
                        table: 'sys_scope_privilege'
                        id: 'a44a6c52245646b89645b37022af72ed'
                    }
                    'xsp-inbound_auth_profile-read': {
                        table: 'sys_scope_privilege'
                        id: 'd0545525b1ff4dc080f68da83a04f9cd'
                    }
                    'xsp-RESTMessageV2-execute': {
                        table: 'sys_scope_privilege'
                        id: 'a36a911be2414ef39cf7ab72f1bca53e'
                    }
                    'xsp-sn_em_connector_listener-read': {
                        table: 'sys_scope_privilege'
                        id: '81a31ad9d95c41ca822f25cb35b2c2f1'
                    }
                    'xsp-sn_em_connector_push_instance-read': {
                        table: 'sys_scope_privilege'
                        id: '9896aece85b0464cb3e72781695ee2ab'
                    }
                    'xsp-std_http_auth-read': {
                        table: 'sys_scope_privilege'
                        id: 'eb1d24a8ad104757847543369160ea4d'
                    }
                    'xsp-sys_api_access_policy-create': {
                        table: 'sys_scope_privilege'
                        id: 'd7eb3703fadf40b7ac25467948f22c40'
                    }
                    'xsp-sys_api_access_policy-delete': {
                        table: 'sys_scope_privilege'
                        id: 'fe14965ca6b84d24b7d3a32b972c156d'
                    }
                    'xsp-sys_api_access_policy-read': {
                        table: 'sys_scope_privilege'
                        id: '9320f53f02224186ace43c238a944fa4'
                    }
                    'xsp-sys_api_access_policy-write': {
                        table: 'sys_scope_privilege'
                        id: '160ef2c185084519b2d55a9a7e5eb0df'
                    }
                    'xsp-sys_auth_profile_mapping-create': {
                        table: 'sys_scope_privilege'
                        id: '47f2c1578841474b919e1a98fac7e5a1'
                    }
                    'xsp-sys_auth_profile_mapping-delete': {
                        table: 'sys_scope_privilege'
                        id: 'a862c8260159422a974ee8c7dd63e7d7'
                    }
                    'xsp-sys_auth_profile_mapping-read': {
                        table: 'sys_scope_privilege'
                        id: '38cefdada5a843beb95d323813d36058'
                    }
                    'xsp-sys_auth_scope-read': {
                        table: 'sys_scope_privilege'
                        id: '6f0d34f5408e4d9eb4d8bd9e59422d6e'
                    }
                    'xsp-sys_dictionary-read': {
                        table: 'sys_scope_privilege'
                        id: '9371323c28fb487586b8c9514813e3c1'
                    }
                    'xsp-sys_properties-read': {
                        table: 'sys_scope_privilege'
                        id: '336dea1ae87a47fc996816c9b5d56589'
                    }
                    'xsp-sys_scope-read': {
                        table: 'sys_scope_privilege'
                        id: '1a2ad2fc27a14d5ba8b3959d2c424d90'
                    }
                    'xsp-sys_token_auth_parameter-read': {
                        table: 'sys_scope_privilege'
                        id: '63ec2a7f7b0947d394b6dccbc5583716'
                    }
                    'xsp-sys_user_has_role-create': {
                        table: 'sys_scope_privilege'
                        id: 'a8eb9d1f1c6342c581c1ccdf8f3d9016'
                    }
                    'xsp-sys_user_has_role-delete': {
                        table: 'sys_scope_privilege'
                        id: 'f63c87732a3f404eaa55feb50291846d'
                    }
                    'xsp-sys_user_has_role-read': {
                        table: 'sys_scope_privilege'
                        id: '8b98e2437d8b4ec8ac961a7bba864632'
                    }
                    'xsp-sys_user_role_contains-read': {
                        table: 'sys_scope_privilege'
                        id: '6e44d955a5c44ffd89f6cf5e26cf1ba2'
                    }
                    'xsp-sys_user_role-read': {
                        table: 'sys_scope_privilege'
                        id: '8200df66268542cf9dc85d01325f5b89'
                    }
                    'xsp-sys_user-create': {
                        table: 'sys_scope_privilege'
                        id: '26899e43cf21481a9e21e2bbcca8c450'
                    }
                    'xsp-sys_user-delete': {
                        table: 'sys_scope_privilege'
                        id: 'f0539b63c7914918a07a1f6f3e18a46f'
                    }
                    'xsp-sys_user-read': {
                        table: 'sys_scope_privilege'
                        id: '730655ad9b4b459da5819c3c1c2e20fd'
                    }
                    'xsp-sys_user-write': {
                        table: 'sys_scope_privilege'
                        id: 'b436c941c043455886563a8d32bed39f'
                        deleted: true
                    }
                    'xsp-sys_ws_definition-read': {
                        table: 'sys_scope_privilege'
                        id: 'bcd08c90f9ee4886a78e2949f44f920a'
                    }
                }
                composite: [
                    {
                        table: 'sys_documentation'
                        id: '00e5f7c75cdf42fe82bd0820f7165e64'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'name'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '0120b3e6f5cf447f8f86ad4e9cd2f76a'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'status'
                            value: 'expiring'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '01670d66a0274592aed99ef989ab6769'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'event_sources'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '02968e741bcf417e986f4974f9830eb0'
                        key: {
                            sys_ui_action: '000a332c33394055b7383e0200a88cf9'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '029cec9581ba4f1eadc7e8d7c8c8136e'
                        key: {
                            sys_security_acl: 'e981e10fac10474b9210039218aaafc3'
                            sys_user_role: {
                                id: '0a1ddc40f2cc4366a49fda0488f1e5aa'
                                key: {
                                    name: 'x_em_aws_apikey.auditor'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '03fb66eb9fef4483bf04e778c9d314c1'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '04ac8137811343e4a236fe3fcf6f0710'
                        key: {
                            document_key: '6be3672083204dd283d3cb815f5b4183'
                            variable: '989d9e235324220002c6435723dc3484'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '05484a0d85d84f58b81983cf8765af0b'
                        key: {
                            sys_ui_action: '51fe92c607044fbe882deb418b29e8f8'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '086e24194b2e498bbb3e10102cdcee1c'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'target_sys_id'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '088ce73a7f9b4556b3cd7ddeb5b7f993'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'endpoint'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '090dea7911df4da08b905ca79d92aa90'
                        key: {
                            document_key: '4df05d69f76c4e6e91f01821cbf70952'
                            variable: '42f2564b73031300440211d8faf6a777'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '0913e2776644499e96644ef23ba9c40d'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'source'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '09290063b6e34ad3823720d4f7c4108f'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '0930adfb1e3446e0a68405a1b27c6f23'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'integration_user'
                        }
                    },
                    {
                        table: 'sys_user_role'
                        id: '0a1ddc40f2cc4366a49fda0488f1e5aa'
                        key: {
                            name: 'x_em_aws_apikey.auditor'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '0b8585be3eab4b79b3ec49de9d8c89a1'
                        key: {
                            sys_ui_action: 'ab63d39932384cdab20da98a8475c67b'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '0dc95bbc167a41fcba75eb0c6e6609a9'
                        key: {
                            sys_ui_action: 'f31b27052dcc4c3093cae8802434bb8a'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '0df3b9db8f1f475b9d872221b4ee199b'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'description'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '0e1d5f6e7ee044219b076cd22389111d'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'run'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '0ecdb2d2f9fa4beb8ddd7937d56a824e'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'summary'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '100d23e2d5f54f46a1b9ffac10ce5e64'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            value: 'probe'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '119ff2d52a884e818b41bb53742ad04b'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'operation'
                            value: 'update'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '12579f52999b4ca093f13cb7244d5235'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'failed'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '12f58310eaed4436a101033c6ec44807'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'asked_values'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '153ee4bb45104c0ca15760ea88287da5'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'api_key_sys_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '1553d6a3510844ee9bfd1f14dec4262f'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'failed'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '155c13c6f48843e599f42c4bd51613df'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'status'
                            value: 'flowing'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '165bffcfe1a84c6dad75a1b7599a5536'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'interval_minutes'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '1670164aceb54cd381422df55eb56a11'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'api_key_sys_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '18c030f1eee14416a6b777790ba8251c'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'detail'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '1954346ef4534f539072d4a8ad64f687'
                        key: {
                            sys_ui_action: 'cead7885ac2f486183a7269e67c5d9f1'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '197ce58f146e4a56a103244eb192a83f'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'outcome'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '1b2bae30b88e408883e23a0fcfae7c49'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'expires'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '1c85429c8bf5485f8515e3e6bcb0b6be'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'kind'
                            value: 'check'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '1cf3f803d7a04ce5ac30954ef2e2753f'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            value: 'revoke'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: '1d9cc125eef9400ab0d8f5aac2311a64'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '1e7d6868bd54416eba9cc6292c4e8cd0'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'previous_values'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '1fe2b415a76f4bfa88fb1ce818023280'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'status'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '20deadbfeb184fe0ad7ed5cae62872a8'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'report'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '21f14bd9c0e54c73b254556ff9e918e7'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'last_heartbeat_at'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '22837456b1d844c4accfe8d97626b361'
                        key: {
                            sys_security_acl: 'c346502510714ade831df305314b7943'
                            sys_user_role: {
                                id: '0a1ddc40f2cc4366a49fda0488f1e5aa'
                                key: {
                                    name: 'x_em_aws_apikey.auditor'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '22d89cf55c3e46b7aa30f91737c031d9'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'outcome'
                            value: 'denied'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '23ad86934970472485f7e3f908ea147e'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'asked_values'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: '28642681f9ec467d95a2e981a0a01799'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'operation'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '29b317ee29724a23b52ef253a292fe13'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'undone'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: '29c69c52f41d40628e2d46c9534b703d'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'outcome'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '2a20ca9511e3438bb6a1f9e7291bf299'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'integration_user'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '2a5d1d91036144538b3e9ca09f2e6a47'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'endpoint'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '2d70e73cd1624b3484fef71eef71bc63'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'token_strategy'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '2db76d3c63b34db8b2aa3605c3463d21'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            value: 'repair'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '2dbff03d28ce445c8d29d4774e8c443c'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'endpoint'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '312ef0f48b734c0a827325dc12442097'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'retire_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '3b1578dcdb9042629f8350ca9a47b0e8'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'changes'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '3b21faf814db4eabad6939f675657fbf'
                        key: {
                            sys_security_acl: 'bc3f515e18ff4c25b4e3986c1a9c4eae'
                            sys_user_role: {
                                id: '0a1ddc40f2cc4366a49fda0488f1e5aa'
                                key: {
                                    name: 'x_em_aws_apikey.auditor'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '3bdd42b4492748648359fa8d93ca3c0f'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '3be18b9a80924121acdc646bdb54bf67'
                        key: {
                            sys_security_acl: '5b883b07a23c40b4b216569db88b1343'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '3c18cded5e564302997d4ec307b22fd8'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'region'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '3e6a0a190e494051af0875447ff488bf'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '3faf605d12bf4e17a6f3cbef842f2fb0'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'target_table'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '41b6c46f4fa14e96a39c2440e33f99c1'
                        key: {
                            sys_ui_action: '864f013ff0394b43878ff80511841bd9'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '428330473d9a4d32b978aaa366067a19'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            value: 'export_facts'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '448f043ca98f44cba09252f0d1adc5c9'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'api_key_sys_id'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '458100b681394dfdbbd4e9c167c21eeb'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'api_key_sys_id'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '4684f66539a64f7bac2ffd840b3c68a6'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'connector_name'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '493a03ad1dae4f48be568b86a195f5ab'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'connector_name'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: '4a997b4a5adf474ea7cdd81968b26d25'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '4abce52908cb49b1803d83544135ff23'
                        key: {
                            sys_ui_action: 'ee16b78461ae441d89c4a5b8b73eee8a'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '4b56902d9f5d4311984bb36dd5b1c1d0'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'kind'
                            value: 'undo_repair'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: '4c66ade272ed43ee89d932940c744020'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '4cfaee3d395e488881b65fc968ecfe35'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'key_name'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '4d57597b99484c33ab91e41e9384d768'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            value: 'generate'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '5170eb117b5b43e0b91df8117cd35484'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'outcome'
                            value: 'failure'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '52358be49026467c8084fa4dba9174ea'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'last_verified'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: '5241dd542b9049f1bfd83fe083e7e1fb'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'policy_api_write'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '539f4b7617af4031b0e75685829f35b3'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'expires'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '542fcadaad2e4587a696e36a1de76451'
                        key: {
                            sys_ui_action: '7cdbf9afd14d4dc28341a89df37c3a72'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '549325bb13fd4bc8b61b237bfa27f47b'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'state'
                            value: 'retiring'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '55e58b36041d47eb9a325b0c50341c44'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'status'
                            value: 'no_data'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '566b3719dc8745c4a8dcb06600f5931f'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'kind'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '584dc9143b984bf988ba8542f0cccc10'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '595ab099588541b1b81f4d5cbc95cd3c'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'interval_minutes'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '5a09f2270d2e47c883606740bee0d9e0'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            value: 'expiry'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: '5a302fb9726749079559937b21979e1e'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'state'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '5b1319d5ef2449f0ab14d38f84e575aa'
                        key: {
                            sys_ui_action: '383b6e45ca1f4d918e73bbf78f2e01c7'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '5b6c7c0918c74766a9d7f153fa601b7c'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'report'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '5bbb4eb0375f4482852a0c1c1eb073bc'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'name'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: '5c6287cc4c7a4720886f26ce3ee54b83'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: '5ef93b9bb6a34fd4beb961f3b90ce812'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '5f4b98bde43545e6b2df93aea2867602'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'kind'
                            value: 'repair_confirmed'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '5ff72c5aeb484e028fa716ad8b18b307'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'written_values'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '6033f9ded64346a79b74f7e896ef899f'
                        key: {
                            document_key: '6be3672083204dd283d3cb815f5b4183'
                            variable: '42f2564b73031300440211d8faf6a777'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '6133949a785b4b0483086f67235c0ad2'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'passed'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '6291e396dad8492db690c8548732f968'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'state'
                            value: 'active'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '62f447af06154327a9e5afbce44300c7'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'policy_api_write'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '691cd560558c4c2296a5a50bdd26e881'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'silent_since'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '69acda11b0874932a0ab83449940f2a3'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'description'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '6aa615cd527948cb97bf8c6b94e5b5e0'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'undo_result'
                            value: 'kept_changed'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '6ae4307179fd43cc87b462ac879b3552'
                        key: {
                            sys_security_acl: 'c5b968b7cd5840ae8e4b4b947ba0f394'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '6aff9b82be7d4021aee4cdd5f0e17967'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'integration_user'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '6b2bf121980741eda68cbc6e1e386fd8'
                        key: {
                            sys_security_acl: 'ace3f52ab55f435a92a65756a1f7d88e'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '6c8f88878ba040279fad35aff617bc6b'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'region'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '6df4f3f266ba4a62af244edd395b1f10'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'target_sys_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '6ec325d20dc348dd84577d63546a9244'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'status'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '7175229e114249cfb1688cd5ddcd9779'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'status'
                            value: 'revoked'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '7178613025ad49a8a370097d86d3d09a'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'name'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: '7361ee667cf548a6a460a5551c038446'
                        key: {
                            sys_ui_action: '571cf1b33a404ecdb070d707d13bf5f9'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '75cbafb323784bb2ba6393cf89f690d7'
                        key: {
                            sys_security_acl: '9d86734bdb3b4942b6c706a28d1dbc9b'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '75f1700044e444338f8ac28ff467850b'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'last_verified'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '767517b4e0d44f6081088498666a7469'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'actor'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '77be985afe2f49b9a41cfc7d3884952e'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_variable_value'
                        id: '782fe9514d7a42959861ee50226a532c'
                        key: {
                            document_key: '4df05d69f76c4e6e91f01821cbf70952'
                            variable: '989d9e235324220002c6435723dc3484'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '79dd7c7f03034578b6ee3766ecd55515'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'kind'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '7cdbee5cb3b749dfa7cba0273941b9f9'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'api_key_sys_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '7fdb2fb62d5643b6b561d76e750c5f14'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'kind'
                            value: 'repair'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '8004542d88604694aab1a19bd1a495a7'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'last_probe_result'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '840fe83e9027495da9d285f925ffc080'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'policy_api_write'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '85b5c8545d234414ba205626efcb0b26'
                        key: {
                            sys_security_acl: '5b883b07a23c40b4b216569db88b1343'
                            sys_user_role: {
                                id: '0a1ddc40f2cc4366a49fda0488f1e5aa'
                                key: {
                                    name: 'x_em_aws_apikey.auditor'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '87017f9b6a1f4ad2bbb875c830b8c3d4'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'status'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '883fef228d2646e88535c440da6b90b3'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'token_strategy'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: '892e3b7d200b4368aa2547361ef33c9e'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '895ef1c8d1c84200ab2705222270cfdf'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: '8cda505573e44292be2b52877dd7f117'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'api_key_sys_id'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '8d05ef47df4d4f8ea82a59dd46fab3ab'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'key_name'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '8e121c040b3e4426bfd97ad748f4fc86'
                        key: {
                            sys_security_acl: '2a11a4c5776f41a7bcda3f41cfa5190d'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '8efe2cdc3e1f4265be68a55e03751fd1'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'endpoint'
                            language: 'en'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: '909d61ab873845d384e022d18fa5fb4c'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '91538c6c72244728b73aa3f0aa3b08c6'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'token_strategy'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '943cce522ea845dd98fe33c14dfaf4b3'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'kind'
                            value: 'facts_export'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '947cd03a38e44ede902238a82316b2c2'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'endpoint'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '9673aa136c26470a8e8fe496e946b852'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'undo_result'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: '97ebd55aec384136b72e98a4fc4b4dba'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'undo_result'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: '9a2a0dc86b8f4c06afe8df24f26223b2'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'outcome'
                            value: 'success'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: '9c4d83eab71247deaf17abd0de8db45e'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'topic_arn'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: '9cd5f869d29f45fc9a688423e72490d7'
                        key: {
                            sys_security_acl: 'bc3f515e18ff4c25b4e3986c1a9c4eae'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: '9e3cde4c32914424b73f1cd492cc116f'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'a0144620f2ae4054b5db38e45f468ad8'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'expires'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'a10cbef154754a7793c6ec9ac7e1e20b'
                        key: {
                            sys_security_acl: 'a38ccb9e711b437f87fb3711cda1b8c4'
                            sys_user_role: {
                                id: '0a1ddc40f2cc4366a49fda0488f1e5aa'
                                key: {
                                    name: 'x_em_aws_apikey.auditor'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'a1db38b612d7429bb46fd147d0bf3f93'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'state'
                            value: 'missing'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'a22bd06fcf2f4d25960cc73bd46443dd'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'target_table'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: 'a280a4d4460c44e1913ad011bd5738af'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'a60b74604f83446c9205a5520171e558'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'last_heartbeat_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'a6327f3912b44aa99f34aec582093f1a'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'source'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'a776d207f78d4f3bb10a0975b442e862'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'name'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: 'a7cc52c1920540a7ba80da6d142b27c1'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'status'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'a87068275c5a4f9b97d17f6ce482844f'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'outcome'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'aa112ac44e824d46813b307f1f9a24d3'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            value: 'manual_step'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: 'aa1da49880c24f7a899c8cefb0e40200'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'status'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'ab64c28b3a1c4e6caff6645042853117'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'passed'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'ab7a3eb855714a53b0650744894892f8'
                        key: {
                            sys_security_acl: 'c346502510714ade831df305314b7943'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'ab88514bd5994d00bf904eeeabae7d0e'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            value: 'heartbeat'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'abc4fbe7fa2d460e97199d115cf61039'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'actor'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'abfbc7d3b8c147a0a42cbd39cb1a5a6f'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'changes'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'ac74bd3764f240c4988b1b6b441600e3'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'state'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'adae8c4abacd447392c3fd3a413b4c99'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'policy_api_write'
                            value: 'stored'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'b1adba36a5fd424ea0467391ee232478'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'expires'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'b1d3627dc31d4f1f841d4e5faeed1392'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'last_probe_at'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'b20b13dbf56540ae97c986be04b3da7e'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'learned_event_source'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'b21cff7d6cac4f80b7b979eabccffb8b'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'last_probe_at'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice_set'
                        id: 'b273959101d34e2b80079232b0bd389c'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'kind'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'b38356c6edbe4d678a461a611df6884b'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'status'
                            value: 'failing'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'b53dd6c7c7e548b2b2638ee23b883e02'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'state'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: 'b762f9ebaeec405cab93de10188985ba'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'b7b56e07abae41b892ab1ac2150e1590'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'learned_event_source'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'b823df78cbd8477ca59e3509f2c95ab9'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'account'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'bcc076d270fb46479c4af297e5964628'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'previous_values'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'bd26c0684cf24246ae3a0404747cccfb'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'status'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'bf44764c4b4944c5a169606170b693e2'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'undo_result'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: 'c05bdb0635e24225b7701893d2d52810'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'c07a42e3eec94c0c9ed47117ea1ba187'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'retire_at'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'c0a0a9d8bdd9450babaa462f276e42b9'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'account'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'c0a0bd27f0c6441baabd8bf13fbfe464'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            value: 'setup_check'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'c103491426844242a23eb23803ec4102'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'key_name'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'c2129be5a87949e4a8ee9fa4d3e0ba6d'
                        key: {
                            sys_security_acl: 'd9e264a1b6224750bc0aff46d3bfe476'
                            sys_user_role: {
                                id: '0a1ddc40f2cc4366a49fda0488f1e5aa'
                                key: {
                                    name: 'x_em_aws_apikey.auditor'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'c25619b163024ba59c642b19944188b6'
                        key: {
                            sys_security_acl: 'd9e264a1b6224750bc0aff46d3bfe476'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'c39afba1e87d43c1b7843ba522862504'
                        key: {
                            sys_security_acl: 'e981e10fac10474b9210039218aaafc3'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'c45ad1f15e464c65894837cc85dc36c2'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'status'
                            value: 'expired'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'c5502b977c49413fb856c820f1dd1211'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'status'
                            value: 'active'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_security_acl_role'
                        id: 'c570c11d3bd34f4b9182d546ae2a595c'
                        key: {
                            sys_security_acl: 'a38ccb9e711b437f87fb3711cda1b8c4'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'c5ac7f1600244e38b25768afdf70fa7a'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'status'
                            value: 'new'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'c7a5bb1a9fbc43f28fb334bf354d01a1'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'undo_result'
                            value: 'reverted'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'c821bf311474455f90aaec2d46d61752'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'silent_since'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'c94155a52ae240428ad990eae57352a4'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            value: 'undo_repair'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'cba5fdc122a4488fa6f285230bf5b62a'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'order'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'cd9cacfcfb49413f939d88bb30689636'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'order'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'cee69e24222e4f4bb315302a13e44c07'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'last_probe_result'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'cf0e7ffe037c48538b35700b96c69195'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'detail'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_user_role'
                        id: 'd0b2030286ff47728b967a4d57aebd1e'
                        key: {
                            name: 'x_em_aws_apikey.admin'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'd0d11775992e435c8a482b485f13f20c'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'instance_facts'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'd396bd767693417d81da958fd1e9739f'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'connector_sys_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: 'd403581a86344285ad10cfc374d030a4'
                        key: {
                            sys_ui_action: '53fc1de7c53d4cf5a6f0aeab18a40eeb'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'd481281894e64642b274e2828fc089e9'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'operation'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'd5343ba0029345ff9e12b78ae6fcca3c'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'instance_facts'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'd59835c9f80e4e8680fcbd9e952f152d'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'operation'
                            value: 'create'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'd82de064dd334142baf42ad6c3cf4896'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'd9049943c1194e09a51ae5e1a7567492'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            value: 'retire'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'da9e51009f96442998bffc1ce435d4ed'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'run'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'de9b78a275984238a02b64166b5a5118'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'event_sources'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'df21ec23b4804a0f8ef8321aa183cce0'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'undo_result'
                            value: 'already_reverted'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'df5b4a4619404c1d94c41b5c5b6d4c6d'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'e0448b44e4634515ac1b16382bf744e0'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'undone'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'e07693040eea45799c05ab1627138fd2'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'e319cd2f8bb84d179538c2da77756c75'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'e3720706ad5b4f26a25bbca613c8d227'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'warnings'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'e5cf6c8ff24e4034901a42ef013950fe'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'key_name'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'e791e1399b95476990720a1461d568a4'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'written_values'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'e877e434816d4731b6a37e59a18fb9bc'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'policy_api_write'
                            value: 'ignored'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'e97a1c49a2dd4697aae89e851bfa7d6f'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'token_strategy'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'e9ce10affb1a4ca59e4f411eba3fc4bf'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'ebd0869d0dff480988f252c1754d18c0'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'endpoint'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'edb49c3589ef4ba8b7bc0af0ce28c447'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'connector_sys_id'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'ef3a9113556349ecb197ef41fd449781'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'summary'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'f1ef9f7c3d5a493fa7aa52a14ec21abd'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'state'
                            value: 'expired'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'f2e5a54c72834ea7bad3a9993bb79ede'
                        key: {
                            name: 'x_em_aws_apikey_repair_change'
                            element: 'operation'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: 'f3f27211328d4c76abbc250713347146'
                        key: {
                            sys_ui_action: 'a98726514ea84bfca8d3ae3bfd9049f5'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'f40a04d2915749fbb9bab7abda7c0a63'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'NULL'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_db_object'
                        id: 'f4752d386ef947b9a984073272eb49f7'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'f4c8ec7a637542c398295a15ccc1cca3'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'topic_arn'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'f530b204208645ec83ba4ef362a10674'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'action'
                            value: 'rotate'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'f5c5a2704eae498c8248d065e0ca6a17'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'state'
                            value: 'revoked'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'ua_table_licensing_config'
                        id: 'f64256eff45b4c9880533c5bc06372a8'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'f68eb18ffc3a44eea8a9e5fd54ed9bd5'
                        key: {
                            name: 'x_em_aws_apikey_setup_run'
                            element: 'warnings'
                        }
                    },
                    {
                        table: 'sys_ui_action_role'
                        id: 'f806bdc5c4cc450e82c74804904f3113'
                        key: {
                            sys_ui_action: '2a52a711593448debfd175154b5bc604'
                            sys_user_role: {
                                id: 'd0b2030286ff47728b967a4d57aebd1e'
                                key: {
                                    name: 'x_em_aws_apikey.admin'
                                }
                            }
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'fa2dce7c88b5435d9164e7b46b16560c'
                        key: {
                            name: 'x_em_aws_apikey_issued_key'
                            element: 'NULL'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'fd139ce4bf6d404da888146d03f18017'
                        key: {
                            name: 'x_em_aws_apikey_audit'
                            element: 'connector_sys_id'
                            language: 'en'
                        }
                    },
                    {
                        table: 'sys_choice'
                        id: 'fe020727202a4903be151532ef599d86'
                        key: {
                            name: 'x_em_aws_apikey_heartbeat'
                            element: 'status'
                            value: 'silent'
                            language: 'en'
                            dependent_value: 'NULL'
                        }
                    },
                    {
                        table: 'sys_dictionary'
                        id: 'fe8296f3352346589c4c7128441bf62f'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'connector_sys_id'
                        }
                    },
                    {
                        table: 'sys_documentation'
                        id: 'fef1e8be44b64429bad6ed9ac8351130'
                        key: {
                            name: 'x_em_aws_apikey_endpoint'
                            element: 'integration_user'
                            language: 'en'
                        }
                    },
                ]
            }
        }
    }
}
