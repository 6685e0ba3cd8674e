#!/usr/bin/env node
console.log(`tierprobe: node ${process.version}`);
