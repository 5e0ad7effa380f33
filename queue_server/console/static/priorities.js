// The priority classes in the order the console offers them; their names are the
// catalogue's `priority.*` texts (queue_server/translations).
export const PRIORITIES = ["regular", "elderly", "disabled", "pregnant", "child", "emergency"];
