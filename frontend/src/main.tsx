import { render } from 'solid-js/web';
import { App } from './App.js';
import { lightenCurveSetup } from './lib/curve-setup.js';
import './styles/app.css';

lightenCurveSetup();
render(() => <App />, document.getElementById('app')!);
