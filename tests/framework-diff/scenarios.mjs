export async function runScenarioSimulate() { throw new Error("todo"); }
export async function runScenarioMiniport() { throw new Error("todo"); }
