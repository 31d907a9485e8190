// The io simulator's scenarios and commands are registered here (defineScenario).
export {};
