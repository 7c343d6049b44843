import { render } from 'solid-js/web';
import { App } from './App.js';
import { precomputeBlsGenerator } from './lib/bls-precompute.js';
import './styles/app.css';

precomputeBlsGenerator();
render(() => <App />, document.getElementById('app')!);
