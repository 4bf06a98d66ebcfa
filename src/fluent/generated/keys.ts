import '@servicenow/sdk/global'

declare global {
    namespace Now {
        namespace Internal {
            interface Keys extends KeysRegistry {
                explicit: {
                    bom_json: {
                        table: 'sys_module'
                        id: '25a6229a5771464b9d8c08615966d02e'
                    }
                    package_json: {
                        table: 'sys_module'
                        id: 'f5dc785543c342b38c70b55613b0114d'
                    }
                    'src_server_core_app-roles_ts': {
                        table: 'sys_module'
                        id: 'a6ff1e06aae443f6a247a454c4329365'
                    }
                }
                composite: [
                    {
                        table: 'sys_user_role'
                        id: '0a1ddc40f2cc4366a49fda0488f1e5aa'
                        key: {
                            name: 'x_em_aws_apikey.auditor'
                        }
                    },
                    {
                        table: 'sys_user_role'
                        id: 'd0b2030286ff47728b967a4d57aebd1e'
                        key: {
                            name: 'x_em_aws_apikey.admin'
                        }
                    },
                ]
            }
        }
    }
}
