// FijiCommandsIT: a Denoise of a missing folder must abort the macro with the reason (nothing after it runs).
run("Denoise (DDLM)...", "input=folder folder=[" + getArgument() + "] device=cpu");
print("after the failed command");
