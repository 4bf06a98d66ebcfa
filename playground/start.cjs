// npm start: the playground (playground/main.ts) under plain Node, TypeScript compiled by ts-hook.cjs.
'use strict'
require('./ts-hook.cjs')
require('./main.ts')
