import { buildApp } from '../lib/app.js';

buildApp().synth(); // deployment and bundling come from the context: -c deployment=jatim -c bundling=false
