// The run's diagram: readable at once (fit to the page's width, however wide the model), with zoom
// and pan controls and a jump to the active step; drag pans, Ctrl+wheel zooms (NavigatedViewer).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { el } from './lib.js';

const MARKERS = ['step-done', 'step-active', 'step-failed'];
// below this scale labels cannot be read: the diagram then opens on the active step instead
const READABLE = 0.7;

export async function runDiagram(xml) {
  const box = el('div', { id: 'diagram', class: 'diagram' });
  const viewer = new NavigatedViewer({ container: box });
  const canvas = () => viewer.get('canvas');
  const activeStep = () => viewer.get('elementRegistry').filter(e => canvas().hasMarker(e, 'step-active'))[0];
  const zoomBy = factor => canvas().zoom(canvas().zoom() * factor);
  const toActive = () => {
    const active = activeStep();
    if (!active) return false;
    canvas().zoom(1);
    canvas().scrollToElement(active, { top: 120, bottom: 120, left: 200, right: 200 });
    return true;
  };
  const controls = el('div', { class: 'diagram-controls' },
    el('button', { type: 'button', id: 'diagram-fit', onclick: () => fitWidth(canvas()) }, 'Fit to width'),
    el('button', { type: 'button', id: 'diagram-active', onclick: toActive }, 'Zoom to active step'),
    el('button', { type: 'button', id: 'diagram-zoom-in', title: 'Zoom in', onclick: () => zoomBy(1.25) }, '+'),
    el('button', { type: 'button', id: 'diagram-zoom-out', title: 'Zoom out', onclick: () => zoomBy(0.8) }, '−'),
    el('span', { class: 'muted' }, ' drag to pan, Ctrl+wheel to zoom'));
  const element = el('section', { class: 'diagram-section' }, controls, box);
  let placed = false;
  return {
    element,
    async show() {
      await viewer.importXML(xml);
      fitWidth(canvas());
    },
    /** Marks the steps; the first time a step is active, an unreadably small diagram zooms to it. */
    mark(run) {
      markSteps(viewer, run);
      if (!placed && canvas().zoom() < READABLE) placed = toActive();
    }
  };
}

/** The whole width of the model across the box, from its top: the end of a long model is never cut off. */
function fitWidth(canvas) {
  const { inner, outer } = canvas.viewbox();
  const margin = 20;
  const scale = outer.width / (inner.width + 2 * margin);
  canvas.viewbox({ x: inner.x - margin, y: inner.y - margin, width: outer.width / scale, height: outer.height / scale });
}

function markSteps(viewer, run) {
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  registry.getAll().forEach(element => MARKERS.forEach(marker => canvas.removeMarker(element, marker)));
  const add = (id, marker) => { if (registry.get(id)) canvas.addMarker(id, marker); };
  const failed = new Set(run.failedSteps.map(step => step.step));
  run.completedSteps.filter(step => !failed.has(step.step)).forEach(step => add(step.step, 'step-done'));
  run.activeSteps.filter(id => !failed.has(id)).forEach(id => add(id, 'step-active'));
  failed.forEach(id => add(id, 'step-failed'));
}
