/**
 * Holds every avatar's procedural motion (idle sway, breathing, walk cycle, blinks, saccades)
 * where it is. Face weights set from outside (face tracking, `atrium.expressions`) still apply,
 * so a screenshot or a pixel comparison sees only the change it is about. Off in normal use;
 * `window.atriumProbe.holdStill(true)` turns it on.
 */
export const motionHold = { still: false };
