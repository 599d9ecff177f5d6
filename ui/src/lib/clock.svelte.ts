// One shared clock for every countdown (list and lead page), ticking each second.
class Clock {
  now = $state(Date.now());

  constructor() {
    if (typeof window !== "undefined") setInterval(() => (this.now = Date.now()), 1000);
  }
}

export const clock = new Clock();
