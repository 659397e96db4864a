// The CommonJS entry (`require('eslint-plugin-booking-payment')`, through the `exports` "require"
// condition): the plugin itself, the same object the ES module exports (Node >= 20.19 loads the ES module).
import plugin = require('./index.js');

export = plugin.default;
