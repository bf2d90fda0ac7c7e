// dataconnect-agent: entry point; everything else is in AgentCommandLine and the DataConnect library.

import Foundation

exit(AgentCommandLine.main(Array(CommandLine.arguments.dropFirst())))
